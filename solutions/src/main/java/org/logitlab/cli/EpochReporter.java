package org.logitlab.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.logitlab.model.TrainingListener;

/**
 * Prints a line per reported epoch (loss, train and test accuracy, time) and, during epochs that
 * take longer than a second, a progress line that rewrites itself on a terminal.
 */
final class EpochReporter implements TrainingListener {

  /** How long an epoch runs before progress is shown, and how often it is refreshed. */
  static final long PROGRESS_AFTER_NANOS = 1_000_000_000L;
  private static final long PROGRESS_EVERY_NANOS = 250_000_000L;

  private final Experiment run;
  private final PrintStream out;
  private final PrintStream progress;
  private final LongSupplier clock;
  private final int every;
  private long epochStart = -1;
  private long lastProgress;
  private boolean progressShown;

  /**
   * @param progress where the progress line goes, or {@code null} for none (not a terminal)
   * @param clock nanosecond time source
   */
  EpochReporter(Experiment run, PrintStream out, PrintStream progress, LongSupplier clock) {
    this.run = run;
    this.out = out;
    this.progress = progress;
    this.clock = clock;
    this.every = Math.max(1, run.training().epochs() / 10);
  }

  @Override
  public void onBatch(int epoch, int samplesDone, int samples) {
    if (progress == null) {
      return;
    }
    long now = clock.getAsLong();
    if (epochStart < 0) {
      epochStart = now;
    }
    if (now - epochStart >= PROGRESS_AFTER_NANOS && now - lastProgress >= PROGRESS_EVERY_NANOS) {
      lastProgress = now;
      progressShown = true;
      progress.printf(Locale.ROOT, "\r  epoch %d: %d/%d samples (%d%%)", epoch, samplesDone, samples,
          100L * samplesDone / samples);
      progress.flush();
    }
  }

  @Override
  public void onEpoch(int epoch, double cost, long nanos) {
    epochStart = -1;
    if (progressShown) {
      progress.print("\r" + " ".repeat(60) + "\r");
      progressShown = false;
    }
    int epochs = run.training().epochs();
    if (epoch % every != 0 && epoch != epochs && epoch != 1) {
      return;
    }
    double trainAccuracy = run.model().score(run.train().x(), run.train().y());
    double testAccuracy = run.model().score(run.test().x(), run.test().y());
    int width = String.valueOf(epochs).length();
    out.printf(Locale.ROOT, "epoch %" + width + "d/%d  loss %.4f  train acc %.4f  test acc %.4f  %.2f s%n", epoch,
        epochs, cost, trainAccuracy, testAccuracy, nanos / 1e9);
  }
}
