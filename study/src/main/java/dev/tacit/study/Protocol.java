package dev.tacit.study;

import dev.tacit.api.Named;

/** How a configuration is selected and scored on rating data. */
public enum Protocol implements Named {
    /**
     * The study's: train for the fixed number of epochs (or steps) and score the final model; the test RMSE is also
     * recorded at every evaluation as a learning curve, but selects nothing.
     */
    STUDY("study"),
    /**
     * The honest one: the test ratings are not scored during training; early stopping on validation ratings picks
     * the epoch (or step) of every λ candidate, the candidate with the lowest validation RMSE is chosen, and only its
     * selected parameters are scored on the test ratings, once.
     */
    HONEST("honest");

    private final String label;

    Protocol(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
