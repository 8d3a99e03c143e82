/**
 * The built-in optimizers. Each follows PyTorch's documented algorithm and defaults exactly (the reference script of
 * the study used PyTorch) and is registered as an {@link dev.tacit.api.OptimizerProvider}.
 */
package dev.tacit.optim.optimizers;
