export * from "./record-link";
export * from "./breakdown";
export * from "./tension";
export * from "./assumption";
export * from "./learning";
export { maxRegisterTextLength } from "./register-input";
