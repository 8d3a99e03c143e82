/**
 * The built-in penalties R(W), each with its analytic gradient, registered as {@link dev.tacit.api.PenaltyProvider}s.
 * Spectral penalties keep the right singular basis of the previous step in their state to warm-start the next
 * decomposition.
 */
package dev.tacit.optim.penalties;
