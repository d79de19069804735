// Reads schema.prisma the way the Prisma CLI does, offline: the CLI ships its schema parser as a
// WebAssembly module (prisma/build/prisma_schema_build_bg.wasm) whose `get_dmmf` returns the full
// data model (fields, native types, defaults, indexes, referential actions). The generated client
// only keeps a pruned copy, too thin to compare against a database.
//
// The module is a wasm-bindgen build; this file is the minimal host for its four imports and its
// string-in/string-out calling convention. The prisma version is pinned in package.json, and any
// change to the module's imports fails here with a message rather than misparsing.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { z } from "zod";

const fieldSchema = z.object({
  name: z.string(),
  dbName: z.string().nullish(),
  kind: z.enum(["scalar", "object", "enum", "unsupported"]),
  type: z.string(),
  isList: z.boolean(),
  isRequired: z.boolean(),
  isUpdatedAt: z.boolean().optional(),
  default: z.unknown().optional(),
  nativeType: z.tuple([z.string(), z.array(z.string())]).nullish(),
  relationFromFields: z.array(z.string()).optional(),
  relationToFields: z.array(z.string()).optional(),
  relationOnDelete: z.string().optional(),
  relationOnUpdate: z.string().optional(),
});

const datamodelSchema = z.object({
  models: z.array(
    z.object({
      name: z.string(),
      dbName: z.string().nullish(),
      schema: z.string().nullish(),
      fields: z.array(fieldSchema),
    }),
  ),
  enums: z.array(
    z.object({
      name: z.string(),
      dbName: z.string().nullish(),
      values: z.array(z.object({ name: z.string(), dbName: z.string().nullish() })),
    }),
  ),
  indexes: z.array(
    z.object({
      model: z.string(),
      type: z.enum(["id", "normal", "unique", "fulltext"]),
      dbName: z.string().nullish(),
      fields: z.array(z.object({ name: z.string(), sortOrder: z.enum(["asc", "desc"]).nullish() })),
    }),
  ),
});

export type Datamodel = z.infer<typeof datamodelSchema>;
export type DatamodelField = z.infer<typeof fieldSchema>;

interface SchemaWasmExports {
  memory: WebAssembly.Memory;
  __wbindgen_externrefs: WebAssembly.Table;
  __wbindgen_malloc(size: number, align: number): number;
  __wbindgen_free(ptr: number, size: number, align: number): void;
  __externref_table_dealloc(index: number): void;
  __wbindgen_start(): void;
  get_dmmf(ptr: number, len: number): [number, number, number, number];
}

let instance: SchemaWasmExports | undefined;
let lastPanic: string | undefined;

function loadSchemaWasm(): SchemaWasmExports {
  const prismaDir = path.dirname(createRequire(import.meta.url).resolve("prisma/package.json"));
  const wasmModule = new WebAssembly.Module(readFileSync(path.join(prismaDir, "build", "prisma_schema_build_bg.wasm")));
  const decoder = new TextDecoder("utf-8", { fatal: true });
  // The imports below run during instantiation and later calls, once the instance exists.
  const live: { exports?: SchemaWasmExports } = {};
  const readString = (ptr: number, len: number) =>
    decoder.decode(new Uint8Array(live.exports!.memory.buffer, ptr >>> 0, len >>> 0));

  const host: Record<string, Record<string, (...args: number[]) => unknown>> = {};
  for (const { module: moduleName, name } of WebAssembly.Module.imports(wasmModule)) {
    const table = (host[moduleName] ??= {});
    if (name.startsWith("__wbg_Error_")) table[name] = (ptr, len) => new Error(readString(ptr!, len!));
    else if (name.startsWith("__wbg___wbindgen_throw_"))
      table[name] = (ptr, len) => {
        throw new Error(readString(ptr!, len!));
      };
    else if (name.startsWith("__wbg_set_message_")) table[name] = (ptr, len) => (lastPanic = readString(ptr!, len!));
    else if (name === "__wbindgen_init_externref_table")
      table[name] = () => {
        const refs = live.exports!.__wbindgen_externrefs;
        const offset = refs.grow(4);
        refs.set(0, undefined);
        [undefined, null, true, false].forEach((value, i) => refs.set(offset + i, value));
      };
    else
      throw new Error(`The installed prisma schema wasm needs an unknown import "${name}"; update ${import.meta.url}.`);
  }
  const exports = new WebAssembly.Instance(wasmModule, host).exports as unknown as SchemaWasmExports;
  live.exports = exports;
  exports.__wbindgen_start();
  return exports;
}

function callWithString(wasm: SchemaWasmExports, input: string): string {
  const bytes = new TextEncoder().encode(input);
  const ptr = wasm.__wbindgen_malloc(bytes.length, 1) >>> 0;
  new Uint8Array(wasm.memory.buffer, ptr, bytes.length).set(bytes);
  const [outPtr, outLen, errorIndex, failed] = wasm.get_dmmf(ptr, bytes.length);
  if (failed) {
    const error: unknown = wasm.__wbindgen_externrefs.get(errorIndex);
    wasm.__externref_table_dealloc(errorIndex);
    throw error instanceof Error ? error : new Error(String(error));
  }
  try {
    return new TextDecoder().decode(new Uint8Array(wasm.memory.buffer, outPtr >>> 0, outLen >>> 0));
  } finally {
    wasm.__wbindgen_free(outPtr, outLen, 1);
  }
}

/** Parses and validates a Prisma schema; throws with Prisma's own validation message when invalid. */
export function getDatamodel(schemaText: string): Datamodel {
  instance ??= loadSchemaWasm();
  let output: string;
  try {
    output = callWithString(instance, JSON.stringify({ prismaSchema: schemaText, noColor: true }));
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError) {
      instance = undefined; // a panic leaves the module unusable; load a fresh one next time
      throw new Error(`Prisma's schema parser panicked: ${lastPanic ?? error.message}`);
    }
    const message = error instanceof Error ? error.message : String(error);
    const parsed = z.object({ message: z.string() }).safeParse(safeJson(message));
    throw new Error(parsed.success ? parsed.data.message : message);
  }
  return datamodelSchema.parse(z.object({ datamodel: z.unknown() }).parse(JSON.parse(output)).datamodel);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
