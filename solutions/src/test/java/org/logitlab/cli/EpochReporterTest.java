package org.logitlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.logitlab.data.EmbeddedDatasets;
import org.logitlab.logistic.LogisticRegression;
import org.logitlab.model.TrainingOptions;

class EpochReporterTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream progress = new ByteArrayOutputStream();
  private long now;

  private EpochReporter reporter(int epochs) {
    Experiment run = new Experiment("toy", EmbeddedDatasets.toy(), EmbeddedDatasets.toy(), LogisticRegression.zeros(2),
        TrainingOptions.fullBatch(epochs, 1.0));
    return new EpochReporter(run, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(progress, true, StandardCharsets.UTF_8), () -> now);
  }

  @Test
  void progressAppearsOnlyDuringLongEpochsAndIsClearedAfterwards() {
    EpochReporter reporter = reporter(1);
    reporter.onBatch(1, 100, 1000);
    now += EpochReporter.PROGRESS_AFTER_NANOS / 2;
    reporter.onBatch(1, 200, 1000);
    assertThat(progress.toString(StandardCharsets.UTF_8)).isEmpty();

    now += EpochReporter.PROGRESS_AFTER_NANOS;
    reporter.onBatch(1, 450, 1000);
    reporter.onBatch(1, 460, 1000);
    assertThat(progress.toString(StandardCharsets.UTF_8)).isEqualTo("\r  epoch 1: 450/1000 samples (45%)");

    reporter.onEpoch(1, 0.5, 2_000_000_000L);
    assertThat(progress.toString(StandardCharsets.UTF_8)).endsWith("\r");
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("epoch 1/1  loss 0.5000  train acc ")
        .endsWith("  2.00 s" + System.lineSeparator());
  }

  @Test
  void longRunsReportTheFirstEpochEveryTenthAndTheLast() {
    EpochReporter reporter = reporter(25);
    for (int epoch = 1; epoch <= 25; epoch++) {
      reporter.onEpoch(epoch, 0.1, 1);
    }
    assertThat(out.toString(StandardCharsets.UTF_8).lines().map(l -> l.substring(0, 11)))
        .containsExactly("epoch  1/25", "epoch  2/25", "epoch  4/25", "epoch  6/25", "epoch  8/25", "epoch 10/25",
            "epoch 12/25", "epoch 14/25", "epoch 16/25", "epoch 18/25", "epoch 20/25", "epoch 22/25", "epoch 24/25",
            "epoch 25/25");
  }
}
