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

  /** Validates the options. */
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

  /** Full-batch gradient descent, as in the lecture's logistic regression. */
  public static TrainingOptions fullBatch(int epochs, double learningRate) {
    return new TrainingOptions(epochs, learningRate, FULL_BATCH, 0L);
  }

  /** The effective batch size for {@code samples} training samples. */
  public int batchSizeFor(int samples) {
    return batchSize == FULL_BATCH ? samples : Math.min(batchSize, samples);
  }
}
