/**
 * Where completion problems come from: the synthetic low-rank generator of method.md §6 with uniform sampling of the
 * observed entries, and MovieLens-100K (verified download, strict parsing, seeded splits), all from explicit seeds.
 */
module dev.tacit.data {
    requires transitive dev.tacit.api;
    requires transitive java.net.http;

    exports dev.tacit.data;
    exports dev.tacit.data.movielens;
    exports dev.tacit.data.io;
    exports dev.tacit.data.format;
    exports dev.tacit.data.ratings;
}
