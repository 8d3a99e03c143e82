package dev.tacit.optim.training;

/**
 * A run produced a NaN or infinite loss, gradient or parameter and was stopped at that step.
 */
public final class DivergenceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long iteration;
    private final String quantity;
    private final String remedy;

    /**
     * @param iteration the step at which the first non-finite value appeared
     * @param quantity  what became non-finite, for example "loss" or "gradient of parameter 1"
     * @param remedy    what the user can try
     */
    public DivergenceException(long iteration, String quantity, String remedy) {
        super("training diverged at iteration " + iteration + ": the " + quantity + " is not finite");
        this.iteration = iteration;
        this.quantity = quantity;
        this.remedy = remedy;
    }

    /** @return the step at which the first non-finite value appeared */
    public long iteration() {
        return iteration;
    }

    /** @return what became non-finite */
    public String quantity() {
        return quantity;
    }

    /** @return what the user can try */
    public String remedy() {
        return remedy;
    }
}
