// The ALTCHA widget's PBKDF2/* proof-of-work worker, bundled as a file of this origin (see
// ./altcha-sha.worker.ts for why).
import "altcha/workers/pbkdf2";
