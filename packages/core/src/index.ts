export * from "./errors";
export * from "./canonical-json";
export * from "./random";
export * from "./alliance";
export * from "./visibility";
export * from "./policy";
