// The alignment map (reference/alignment-map.md): vote matrix, PCA, clustering, repness,
// consensus, group-aware consensus, uncertainty, divisive statements, seat divergence, and
// parsers of Pol.is's CSV exports. Pure: no I/O.
export * from "./adjusted-rand-index";
export * from "./analyze-alignment";
export * from "./clustering";
export * from "./csv";
export * from "./divisive";
export * from "./group-votes";
export * from "./history-replay";
export * from "./kmeans";
export * from "./pca";
export * from "./polis-csv";
export * from "./repness";
export * from "./seat-divergence";
export * from "./silhouette";
export * from "./symmetric-eigen";
export * from "./vote-matrix";
