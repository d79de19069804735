// Evaluates Upstash-Retry-Delay expressions ("1000 * (1 + retried)", "max(10, pow(2, retried))")
// with a small parser rather than eval, so a publish can never run code in this process.
// Grammar: expr = term (("+"|"-") term)*; term = unary (("*"|"/"|"%") unary)*;
//          unary = "-" unary | primary; primary = number | "retried" | fn "(" expr ("," expr)* ")" | "(" expr ")"

type Node =
  | { kind: "number"; value: number }
  | { kind: "retried" }
  | { kind: "negate"; operand: Node }
  | { kind: "binary"; operator: string; left: Node; right: Node }
  | { kind: "call"; name: string; args: Node[] };

const FUNCTIONS: Record<string, (...args: number[]) => number> = {
  pow: (base = 0, exponent = 0) => Math.pow(base, exponent),
  sqrt: (x = 0) => Math.sqrt(x),
  abs: (x = 0) => Math.abs(x),
  exp: (x = 0) => Math.exp(x),
  floor: (x = 0) => Math.floor(x),
  ceil: (x = 0) => Math.ceil(x),
  round: (x = 0) => Math.round(x),
  min: (...xs) => Math.min(...xs),
  max: (...xs) => Math.max(...xs),
};

function tokenize(text: string): string[] {
  const tokens = text.match(/\d+(?:\.\d+)?|[A-Za-z_]+|[-+*/%(),]|\S/g) ?? [];
  const stray = tokens.find((token) => !/^(\d|[A-Za-z_]|[-+*/%(),])/.test(token));
  if (stray) throw new Error(`unexpected character "${stray}"`);
  return tokens;
}

export function parseRetryDelay(text: string): Node {
  const tokens = tokenize(text);
  let position = 0;
  const peek = () => tokens[position];
  const take = (expected?: string) => {
    const token = tokens[position];
    if (token === undefined || (expected !== undefined && token !== expected)) {
      throw new Error(`expected ${expected ?? "a value"} at token ${position + 1}`);
    }
    position += 1;
    return token;
  };

  const primary = (): Node => {
    const token = take();
    if (/^\d/.test(token)) return { kind: "number", value: Number(token) };
    if (token === "(") {
      const inner = expression();
      take(")");
      return inner;
    }
    if (token === "retried") return { kind: "retried" };
    if (token in FUNCTIONS) {
      take("(");
      const args = [expression()];
      while (peek() === ",") {
        take(",");
        args.push(expression());
      }
      take(")");
      return { kind: "call", name: token, args };
    }
    throw new Error(`unknown name "${token}"`);
  };
  const unary = (): Node => (peek() === "-" ? (take(), { kind: "negate", operand: unary() }) : primary());
  const chain = (operators: string[], operand: () => Node) => (): Node => {
    let left = operand();
    while (operators.includes(peek() ?? "")) {
      const operator = take();
      left = { kind: "binary", operator, left, right: operand() };
    }
    return left;
  };
  const term = chain(["*", "/", "%"], unary);
  const expression = chain(["+", "-"], term);

  const tree = expression();
  if (position !== tokens.length) throw new Error(`unexpected "${tokens[position]}"`);
  return tree;
}

function evaluate(node: Node, retried: number): number {
  switch (node.kind) {
    case "number":
      return node.value;
    case "retried":
      return retried;
    case "negate":
      return -evaluate(node.operand, retried);
    case "call":
      return FUNCTIONS[node.name]!(...node.args.map((arg) => evaluate(arg, retried)));
    case "binary": {
      const left = evaluate(node.left, retried);
      const right = evaluate(node.right, retried);
      if (node.operator === "+") return left + right;
      if (node.operator === "-") return left - right;
      if (node.operator === "*") return left * right;
      if (node.operator === "/") return left / right;
      return left % right;
    }
  }
}

/** Delay in milliseconds before the next retry; `retried` counts retries made so far (0 before the first). */
export function retryDelayMs(expression: string, retried: number): number {
  const value = evaluate(parseRetryDelay(expression), retried);
  return Number.isFinite(value) ? Math.max(0, Math.round(value)) : 0;
}
