package org.logitlab.model;

import java.util.Random;

/**
 * Splits {@code m} training samples into mini-batches of a fixed size (the last one may be
 * smaller), in an order reshuffled each epoch from a seeded generator.
 *
 * <p>Samples are never copied: {@link Rows#get} returns an array of references to rows of the full
 * matrix, held in a buffer that is reused from batch to batch.
 */
public final class MiniBatches {

  private final int[] order;
  private final int batchSize;
  private final Random random;

  /**
   * @param samples the number of training samples {@code m}, at least 1
   * @param options gives the batch size (0 = full batch) and the shuffling seed
   */
  public MiniBatches(int samples, TrainingOptions options) {
    if (samples < 1) {
      throw new IllegalArgumentException("cannot train on an empty data set: need at least one sample");
    }
    this.order = new int[samples];
    for (int i = 0; i < samples; i++) {
      order[i] = i;
    }
    this.batchSize = options.batchSizeFor(samples);
    this.random = new Random(options.seed());
  }

  /**
   * Shuffles the sample order for a new epoch (Fisher–Yates). Full-batch training keeps the
   * original order, since one batch holding every sample is the same whatever its order.
   */
  public void shuffle() {
    if (count() == 1) {
      return;
    }
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }

  /**
   * The number of batches in an epoch.
   *
   * @return {@code ⌈m / batch size⌉}
   */
  public int count() {
    return (order.length + batchSize - 1) / batchSize;
  }

  /**
   * The number of samples in batch {@code batch} (0-based).
   *
   * @param batch the index of the batch, from 0
   * @return the batch size, or less for the last batch
   */
  public int size(int batch) {
    return Math.min(batchSize, order.length - batch * batchSize);
  }

  /**
   * The total number of samples.
   *
   * @return {@code m}
   */
  public int samples() {
    return order.length;
  }

  /**
   * The index, in the full data set, of the {@code i}-th sample of batch {@code batch}.
   *
   * @param batch the index of the batch, from 0
   * @param i the position in the batch, from 0
   * @return the row of that sample in the full data set, in this epoch's order
   */
  public int sampleIndex(int batch, int i) {
    return order[batch * batchSize + i];
  }

  /**
   * A view that gathers the rows of {@code source} (one row per sample) batch by batch.
   *
   * @param source one row per sample, {@code m} rows; kept, not copied
   * @return a view whose batches reference the rows of {@code source}, in this epoch's order
   * @throws IllegalArgumentException if {@code source} does not have {@code m} rows
   */
  public Rows rowsOf(double[][] source) {
    if (source.length != order.length) {
      throw new IllegalArgumentException("the matrix has " + source.length + " rows but there are "
          + order.length + " samples");
    }
    return new Rows(source);
  }

  /** The rows of one matrix, gathered per batch into reused buffers. */
  public final class Rows {
    private final double[][] source;
    private final double[][] full;
    private final double[][] last;

    private Rows(double[][] source) {
      this.source = source;
      this.full = new double[batchSize][];
      this.last = new double[size(count() - 1)][];
    }

    /**
     * The rows of batch {@code batch}. The returned array is reused by the next call for a batch of
     * the same size: read it before asking for another batch.
     *
     * @param batch the index of the batch, from 0
     * @return the batch's rows: references into {@code source}, not copies
     */
    public double[][] get(int batch) {
      double[][] rows = size(batch) == batchSize ? full : last;
      for (int i = 0; i < rows.length; i++) {
        rows[i] = source[sampleIndex(batch, i)];
      }
      return rows;
    }
  }
}
