// A sample's C++ port marks a line with "// py:N" (the line of its Python mirror); the page shows
// the C++ without the markers and highlights both lines together (app/model/SourceMap.cpp).
const marker = /\s*\/\/\s*py:(\d+)\s*$/;

export class SourceMap {
    constructor(cppSource = '') {
        const lines = cppSource.split('\n');
        if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
        this.pyLine = [];
        this.lines = lines.map((line) => {
            if (line.endsWith('\r')) line = line.slice(0, -1);
            const m = marker.exec(line);
            if (m) {
                this.pyLine.push(parseInt(m[1], 10));
                return line.slice(0, m.index);
            }
            this.pyLine.push(0);
            return line;
        });
    }
    get displayText() {
        return this.lines.join('\n');
    }
    pythonLine(cppLine) {
        return cppLine >= 1 && cppLine <= this.pyLine.length ? this.pyLine[cppLine - 1] : 0;
    }
    cppLine(pythonLine) {
        if (pythonLine <= 0) return 0;
        const i = this.pyLine.indexOf(pythonLine);
        return i >= 0 ? i + 1 : 0;
    }
}
