package org.logitlab.model;

/**
 * The epoch loop shared by the regression models: shuffle, take one gradient step per mini-batch,
 * report the mean cost of each epoch.
 */
public final class GradientDescent {

  private GradientDescent() {}

  /** One gradient step on one mini-batch. */
  @FunctionalInterface
  public interface Step {
    /**
     * Updates the parameters from batch {@code batch} of {@code batches}.
     *
     * @param batches the epoch's batches, in this epoch's order
     * @param batch the index of the batch, from 0
     * @return the batch's mean cost, measured before the update
     */
    double apply(MiniBatches batches, int batch);
  }

  /**
   * Runs {@code options.epochs()} epochs of mini-batch gradient descent.
   *
   * @param batches the batches, shuffled before each epoch
   * @param options the number of epochs (the rest is in {@code batches} and {@code step})
   * @param listener told after every batch and every epoch
   * @param step one gradient step on one batch
   * @return the cost history: entry {@code e} is the sample-weighted mean of the batch costs of
   *     epoch {@code e + 1}
   */
  public static double[] run(MiniBatches batches, TrainingOptions options, TrainingListener listener,
      Step step) {
    double[] costs = new double[options.epochs()];
    for (int epoch = 1; epoch <= options.epochs(); epoch++) {
      long start = System.nanoTime();
      batches.shuffle();
      double costSum = 0.0;
      int done = 0;
      for (int b = 0; b < batches.count(); b++) {
        costSum += step.apply(batches, b) * batches.size(b);
        done += batches.size(b);
        listener.onBatch(epoch, done, batches.samples());
      }
      costs[epoch - 1] = costSum / batches.samples();
      listener.onEpoch(epoch, costs[epoch - 1], System.nanoTime() - start);
    }
    return costs;
  }
}
