package dev.tacit.app.pipeline;

import dev.tacit.api.CompletionProblem;
import dev.tacit.api.Optimizer;
import dev.tacit.api.Penalty;
import dev.tacit.data.Seeds;
import dev.tacit.data.Synthetic;
import dev.tacit.optim.catalog.Catalog;
import dev.tacit.optim.models.CompletionEvaluator;
import dev.tacit.optim.models.LinearNetwork;
import dev.tacit.optim.models.LinearNetworkObjective;
import dev.tacit.optim.training.Trainer;
import java.util.Map;
import java.util.TreeMap;

/** Small seeded training runs for the pipeline tests. */
final class Runs {

    private Runs() {
    }

    /**
     * A depth-1 network with the ratio penalty on a seeded rank-2 n×n problem.
     *
     * @param n          size
     * @param observed   observed entries
     * @param optimizer  optimizer name
     * @param lr         learning rate
     * @param iterations iterations
     * @param evalEvery  evaluate every this many
     * @param statsEvery step statistics every this many
     * @return the run
     */
    static Trainer.Run synthetic(int n, int observed, String optimizer, double lr, long iterations, long evalEvery,
                                 long statsEvery) {
        Catalog catalog = Catalog.builtIn();
        Optimizer opt = catalog.optimizer(optimizer).orElseThrow().create(Map.of("lr", Double.toString(lr))).get();
        Penalty pen = catalog.penalty("ratio").orElseThrow().create(Map.of()).get();
        CompletionProblem problem = new Synthetic(n, n, 2, observed, 7).problem();
        LinearNetwork net = new LinearNetwork(n, n, 1, 1e-3);
        LinearNetworkObjective objective = new LinearNetworkObjective(net, problem.train(), pen, 1e-3);
        var init = net.initialParameters(Seeds.stream(7, Seeds.Purpose.INIT));
        return new Trainer.Run(objective, opt, new CompletionEvaluator(net, problem),
                Trainer.Run.freshStart(objective, opt, init), iterations, evalEvery, statsEvery, new TreeMap<>());
    }
}
