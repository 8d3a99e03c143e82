/**
 * Where completion problems come from: the synthetic low-rank generator of method.md §6 with uniform sampling of the
 * observed entries, the MovieLens family (verified downloads, strict streaming parsers, seeded splits of
 * MovieLens-100K), and a generator of realistic rating files at any size, all from explicit seeds.
 */
module dev.tacit.data {
    requires transitive dev.tacit.api;
    requires transitive java.net.http;

    exports dev.tacit.data;
    exports dev.tacit.data.movielens;
    exports dev.tacit.data.io;
    exports dev.tacit.data.synth;
}
