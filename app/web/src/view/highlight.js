// A light syntax colouring for the source panes: keywords, strings, comments, numbers. Enough to
// read the code from the back of a room; not a parser.
const python = new Set(('False None True and as assert async await break class continue def del elif else except ' +
    'finally for from global if import in is lambda nonlocal not or pass raise return try while with yield match case').split(' '));
const cpp = new Set(('auto bool break case catch char class co_await co_return co_yield const constexpr continue default ' +
    'delete do double else enum explicit false float for if include inline int long namespace new nullptr operator ' +
    'private protected public return short signed sizeof static struct switch template this throw true try typename ' +
    'using virtual void while std').split(' '));

const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// One line of `language` ('python' | 'cpp') as HTML. `state.inString` carries a Python triple-quoted
// string or a C++ block comment over to the next line.
export function highlightLine(line, language, state) {
    let out = '';
    let i = 0;
    const n = line.length;
    const keywords = language === 'python' ? python : cpp;
    const span = (cls, text) => `<span class="${cls}">${escape(text)}</span>`;
    if (state.open) {
        const close = line.indexOf(state.open);
        const end = close < 0 ? n : close + state.open.length;
        out += span(state.open === '*/' ? 'c' : 's', line.slice(0, end));
        i = end;
        if (close >= 0) state.open = null;
    }
    while (i < n) {
        const c = line[i];
        const rest = line.slice(i);
        if ((language === 'python' && c === '#') || (language === 'cpp' && rest.startsWith('//'))) {
            out += span('c', rest);
            break;
        }
        if (language === 'cpp' && rest.startsWith('/*')) {
            const close = line.indexOf('*/', i + 2);
            const end = close < 0 ? n : close + 2;
            out += span('c', line.slice(i, end));
            if (close < 0) state.open = '*/';
            i = end;
            continue;
        }
        if (language === 'cpp' && c === '#' && line.slice(0, i).trim() === '') {
            out += span('k', rest);
            break;
        }
        const prefix = language === 'python' ? /^[rbuf]{0,2}("""|'''|"|')/i.exec(rest) : /^(")/.exec(rest);
        if (prefix && (prefix[0].length === 1 || !/\w/.test(line[i - 1] || ''))) {
            const quote = prefix[1];
            let j = i + prefix[0].length;
            let closed = false;
            while (j < n) {
                if (line[j] === '\\') {
                    j += 2;
                    continue;
                }
                if (line.startsWith(quote, j)) {
                    j += quote.length;
                    closed = true;
                    break;
                }
                ++j;
            }
            if (!closed && quote.length === 3) state.open = quote;
            out += span('s', line.slice(i, Math.min(j, n)));
            i = Math.min(j, n);
            continue;
        }
        const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
        if (word) {
            const w = word[0];
            out += keywords.has(w) ? span('k', w) : /^(print|range|len|sleep|gather|create_task|run)$/.test(w) ? span('f', w) : escape(w);
            i += w.length;
            continue;
        }
        const num = /^\d[\d_.]*(e[+-]?\d+)?/i.exec(rest);
        if (num) {
            out += span('n', num[0]);
            i += num[0].length;
            continue;
        }
        out += escape(c);
        ++i;
    }
    return out;
}
