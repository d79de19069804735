// The ALTCHA widget's SHA-* proof-of-work worker, bundled as a file of this origin: the widget's own
// copy starts from a blob: URL, which the Content-Security-Policy (scripts from 'self') refuses.
import "altcha/workers/sha";
