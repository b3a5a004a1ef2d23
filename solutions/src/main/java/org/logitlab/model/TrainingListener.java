package org.logitlab.model;

/** Receives progress while a model trains; every method has a do-nothing default. */
public interface TrainingListener {

  /** A listener that ignores everything. */
  TrainingListener NONE = new TrainingListener() {};

  /**
   * Called after each mini-batch step.
   *
   * @param epoch the epoch, from 1
   * @param samplesDone samples processed so far in this epoch
   * @param samples samples in an epoch
   */
  default void onBatch(int epoch, int samplesDone, int samples) {}

  /**
   * Called after each epoch.
   *
   * @param epoch the epoch, from 1
   * @param cost the mean training cost over the epoch's mini-batches
   * @param nanos the epoch's training time in nanoseconds
   */
  default void onEpoch(int epoch, double cost, long nanos) {}
}
