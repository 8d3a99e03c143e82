/**
 * The built-in learning-rate schedules, registered as {@link dev.tacit.api.ScheduleProvider}s: constant,
 * reduce-on-plateau, step decay and cosine annealing, each following PyTorch's {@code torch.optim.lr_scheduler}. Their
 * memory lives in the {@link dev.tacit.api.State} the trainer passes in and keeps.
 */
package dev.tacit.optim.schedules;
