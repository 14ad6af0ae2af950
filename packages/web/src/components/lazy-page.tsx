import type { ComponentType } from "react";
import type { RouteObject } from "react-router";
import { Loading } from "./page-states";

/**
 * A route whose page is loaded when someone opens it, so its code (and a library only it uses:
 * charts, the network graph) stays out of the bundle loaded before sign-in. Until the page has
 * arrived the layout shows Loading: here on a cold load (a deep link), in Layout on a navigation.
 * When its code cannot be loaded (say, the app was updated since it was opened), the router's
 * PageError says so.
 */
export function lazyPage<Module>(path: string, load: () => Promise<Module>, pick: (module: Module) => ComponentType): RouteObject {
  return { path, lazy: async () => ({ Component: pick(await load()) }), hydrateFallbackElement: <Loading /> };
}
