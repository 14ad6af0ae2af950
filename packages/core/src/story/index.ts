export * from "./story-event";
export * from "./story-date";
export * from "./story-rules";
export * from "./build-story";
export * from "./render-story";
