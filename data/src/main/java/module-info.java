/**
 * Where completion problems come from: the synthetic low-rank generator of method.md §6 with uniform sampling of the
 * observed entries, all from explicit seeds.
 */
module dev.tacit.data {
    requires transitive dev.tacit.api;

    exports dev.tacit.data;
}
