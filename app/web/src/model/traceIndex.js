// What the panes read at every cursor position (app/model/TraceIndex.cpp): the printed lines and
// the source line of each event, so that a step is an array read.
import { EventKind as K, LaneKind } from './decode.js';
import { partitionPoint } from './layout.js';

function baseName(path) {
    const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return slash >= 0 ? path.slice(slash + 1) : path;
}

export class TraceIndex {
    // `primaryFile`: the file whose lines the source pane shows ("s_gather_order.cpp", "script.py").
    constructor(run, primaryFile) {
        const n = run.n;
        const outputs = [];
        const locLine = new Int32Array(run.locFile.length);
        if (primaryFile) {
            const want = baseName(primaryFile);
            for (let i = 1; i < locLine.length; ++i)
                if (baseName(run.strings[run.locFile[i]]) === want) locLine[i] = run.locLine[i];
        }
        this.shownLine = new Int32Array(n);
        this.shownExact = new Uint8Array(n);
        this.ownLine = new Int32Array(n);
        const laneLine = new Int32Array(run.laneCount);
        for (let seq = 0; seq < n; ++seq) {
            if (run.kind[seq] === K.Output) outputs.push(seq);
            const lane = run.lane[seq];
            const own = locLine[run.loc[seq]];
            this.ownLine[seq] = own;
            if (own) {
                this.shownLine[seq] = own;
                this.shownExact[seq] = 1;
                laneLine[lane] = own;
                continue;
            }
            if (run.laneKind[lane] === LaneKind.Loop) {
                let cause = run.cause[seq];
                for (let hop = 0; hop < 4 && cause >= 0 && cause < seq; ++hop) {
                    const line = this.ownLine[cause];
                    if (line) {
                        this.shownLine[seq] = line;
                        break;
                    }
                    cause = run.cause[cause];
                }
                continue;
            }
            if (laneLine[lane]) this.shownLine[seq] = laneLine[lane];
        }
        this.outputs = Uint32Array.from(outputs);
    }

    // How many lines were printed up to and including `seq`.
    outputCountAt(seq) {
        if (seq < 0) return 0;
        const o = this.outputs;
        return partitionPoint(0, o.length, (i) => o[i] <= seq);
    }
    nextOutputAfter(seq) {
        const k = this.outputCountAt(seq);
        return k < this.outputs.length ? this.outputs[k] : -1;
    }
    sourceLineAt(seq) {
        if (seq < 0 || seq >= this.shownLine.length) return { line: 0, exact: false };
        return { line: this.shownLine[seq], exact: this.shownExact[seq] === 1 };
    }
}
