import vm from 'node:vm';
import { pathToFileURL } from 'node:url';
import type * as Libxml2 from 'libxml2-wasm';

export type Libxml2Module = typeof Libxml2;

let loading: Promise<Libxml2Module> | undefined;
let loaded: Libxml2Module | undefined;

type DynamicImport = (specifier: string) => Promise<unknown>;

/**
 * libxml2-wasm is ESM-only with a top-level await (the WASM instance), so CommonJS cannot
 * `require` it: it must be `import()`ed. A plain `new Function` import works under Node; jest's
 * module sandbox refuses dynamic imports without --experimental-vm-modules, so there we compile
 * the import in the main context instead (vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER).
 */
async function importModule(url: string): Promise<unknown> {
  const nativeImport = new Function('specifier', 'return import(specifier)') as DynamicImport;
  try {
    return await nativeImport(url);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code !== 'ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG' && code !== 'ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING') throw error;
    const mainContextImport = vm.runInThisContext('(specifier) => import(specifier)', {
      importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    }) as DynamicImport;
    return mainContextImport(url);
  }
}

/** Loads libxml2-wasm once per process (the WASM instance is shared by every caller). */
export function loadLibxml2(): Promise<Libxml2Module> {
  loading ??= importModule(pathToFileURL(require.resolve('libxml2-wasm')).href).then((module) => {
    loaded = module as Libxml2Module;
    return loaded;
  });
  return loading;
}

/**
 * libxml2-wasm for synchronous callers (signing, verifying), once {@link loadLibxml2} (or
 * `initXmlReader`) has been awaited: the WASM instance cannot be loaded synchronously.
 */
export function loadedLibxml2(): Libxml2Module {
  if (loaded === undefined) throw new Error('libxml2-wasm is not loaded: await loadLibxml2() (or initXmlReader()) first');
  return loaded;
}
