package dev.tacit.app;

import dev.tacit.api.UsageException;
import dev.tacit.data.Synthetic;
import java.util.Map;
import picocli.CommandLine.Option;

/** The synthetic problem every command that completes a matrix runs on: {@code --size --rank --observed --seed}. */
final class SyntheticOptions {

    @Option(names = "--size", paramLabel = "N|MxN", defaultValue = "100", converter = Shape.Converter.class,
            description = "Matrix size, square (100) or rectangular (100x80). Default: ${DEFAULT-VALUE}.")
    Shape size;

    @Option(names = "--rank", defaultValue = "5", description = "Rank of the ground truth. Default: ${DEFAULT-VALUE}.")
    int rank;

    @Option(names = "--observed", defaultValue = "2000",
            description = "Number of observed entries. Default: ${DEFAULT-VALUE}.")
    int observed;

    @Option(names = "--seed", defaultValue = "0",
            description = "Seed of the matrix, the sample and the initialisation. Default: ${DEFAULT-VALUE}.")
    long seed;

    /**
     * @return the generator, which validates the shape, rank and sample size
     * @throws UsageException if a problem of this size cannot fit in memory (checked before anything is allocated)
     */
    Synthetic synthetic() {
        // The generator's own limits first: a heap setting is no help for a size it refuses anyway.
        Synthetic synthetic = new Synthetic(size.rows(), size.cols(), rank, observed, seed);
        MemoryBudget.requireFits("--size", size.toString(), (long) size.rows() * size.cols());
        return synthetic;
    }

    /** @param config receives size, rank and observed, the first keys of every run's configuration */
    void describe(Map<String, Object> config) {
        config.put("size", size.toString());
        config.put("rank", rank);
        config.put("observed", observed);
    }
}
