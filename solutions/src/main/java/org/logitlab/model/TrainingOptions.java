package org.logitlab.model;

/**
 * How a model is trained by gradient descent.
 *
 * @param epochs passes over the training set, at least 1
 * @param learningRate the step size {@code α} in {@code θ ← θ − α·∂J/∂θ}, positive
 * @param batchSize samples per gradient step; {@link #FULL_BATCH} (0) uses all of them (batch
 *     gradient descent), 1 is stochastic gradient descent, one sample per step
 * @param seed seeds the shuffling of mini-batches: the same seed gives the same result
 */
public record TrainingOptions(int epochs, double learningRate, int batchSize, long seed) {

  /** The batch size that means "every sample in one batch". */
  public static final int FULL_BATCH = 0;

  /**
   * Validates the options.
   *
   * @param epochs passes over the training set, at least 1
   * @param learningRate the step size, positive and finite
   * @param batchSize samples per step, or {@link #FULL_BATCH}
   * @param seed seeds the shuffling
   * @throws IllegalArgumentException naming the option out of range
   */
  public TrainingOptions {
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
    }
    if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
      throw new IllegalArgumentException("the learning rate must be a positive finite number, got "
          + learningRate);
    }
    if (batchSize < 0) {
      throw new IllegalArgumentException("the batch size must be positive, or 0 for full batch; got "
          + batchSize);
    }
  }

  /**
   * Full-batch gradient descent, as in the lecture's logistic regression.
   *
   * @param epochs passes over the training set, at least 1
   * @param learningRate the step size {@code α}
   * @return options with one batch of every sample (no shuffling, so the seed does not matter)
   */
  public static TrainingOptions fullBatch(int epochs, double learningRate) {
    return new TrainingOptions(epochs, learningRate, FULL_BATCH, 0L);
  }

  /**
   * The effective batch size for {@code samples} training samples.
   *
   * @param samples the number of training samples {@code m}
   * @return {@code m} for full batch, else the batch size, at most {@code m}
   */
  public int batchSizeFor(int samples) {
    return batchSize == FULL_BATCH ? samples : Math.min(batchSize, samples);
  }
}
