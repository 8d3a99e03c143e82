/**
 * The research layer of Tacit: how models are trained and scored on rating data under the study's protocol (a fixed
 * budget, the final model scored) or the honest one (λ and the stopping point chosen on validation ratings, the test
 * ratings scored once); experiments (grids of runs over synthetic problems, presets for the study's Figure 4 and
 * depth study, a resumable parallel runner and its result store); and the study's published MovieLens table with its
 * reproduction.
 */
module dev.tacit.study {
    requires transitive dev.tacit.optim;
    requires transitive dev.tacit.data;
    requires java.management;

    exports dev.tacit.study;
    exports dev.tacit.study.experiment;
    exports dev.tacit.study.model;
}
