package org.logitlab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ModelSupportTest {

  @Test
  void everyEpochVisitsEverySampleOnceInASeededOrder() {
    TrainingOptions options = new TrainingOptions(1, 0.1, 4, 17);
    MiniBatches a = new MiniBatches(10, options);
    MiniBatches b = new MiniBatches(10, options);
    assertThat(a.count()).isEqualTo(3);
    assertThat(a.size(2)).isEqualTo(2);
    int[] firstEpoch = order(a);
    assertThat(firstEpoch).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertThat(order(b)).isEqualTo(firstEpoch);
    assertThat(order(a)).isNotEqualTo(firstEpoch).containsExactlyInAnyOrder(firstEpoch);
  }

  private static int[] order(MiniBatches batches) {
    batches.shuffle();
    int[] seen = new int[batches.samples()];
    int n = 0;
    for (int b = 0; b < batches.count(); b++) {
      for (int i = 0; i < batches.size(b); i++) {
        seen[n++] = batches.sampleIndex(b, i);
      }
    }
    return seen;
  }

  @Test
  void rowsAreGatheredByReferenceIntoReusedBuffers() {
    double[][] x = {{0}, {1}, {2}, {3}, {4}};
    MiniBatches batches = new MiniBatches(5, new TrainingOptions(1, 0.1, 2, 3));
    batches.shuffle();
    MiniBatches.Rows rows = batches.rowsOf(x);
    double[][] first = rows.get(0);
    assertThat(first[0]).isSameAs(x[batches.sampleIndex(0, 0)]);
    assertThat(rows.get(1)).isSameAs(first);
    assertThat(rows.get(2).length).isEqualTo(1);
    assertThatThrownBy(() -> batches.rowsOf(new double[4][1]))
        .hasMessage("the matrix has 4 rows but there are 5 samples");
  }

  @Test
  void fullBatchKeepsTheOriginalOrder() {
    MiniBatches batches = new MiniBatches(6, TrainingOptions.fullBatch(1, 0.1));
    assertThat(batches.count()).isEqualTo(1);
    assertThat(order(batches)).containsExactly(0, 1, 2, 3, 4, 5);
    assertThatThrownBy(() -> new MiniBatches(0, TrainingOptions.fullBatch(1, 0.1)))
        .hasMessageContaining("empty data set");
  }

  @Test
  void optionsAreValidated() {
    assertThat(new TrainingOptions(1, 0.1, 64, 0).batchSizeFor(10)).isEqualTo(10);
    assertThat(TrainingOptions.fullBatch(1, 0.1).batchSizeFor(10)).isEqualTo(10);
    assertThatThrownBy(() -> new TrainingOptions(0, 0.1, 1, 0)).hasMessage("epochs must be at least 1, got 0");
    assertThatThrownBy(() -> new TrainingOptions(1, Double.NaN, 1, 0))
        .hasMessage("the learning rate must be a positive finite number, got NaN");
    assertThatThrownBy(() -> new TrainingOptions(1, Double.POSITIVE_INFINITY, 1, 0))
        .hasMessageContaining("positive finite");
    assertThatThrownBy(() -> new TrainingOptions(1, 0.1, -1, 0))
        .hasMessage("the batch size must be positive, or 0 for full batch; got -1");
  }

  @Test
  void accuracyAndConfusionMatrix() {
    int[] truth = {0, 1, 2, 2};
    int[] predicted = {0, 2, 2, 1};
    assertThat(Metrics.accuracy(truth, predicted)).isEqualTo(0.5);
    assertThat(Metrics.confusionMatrix(truth, predicted, 3))
        .isEqualTo(new int[][] {{1, 0, 0}, {0, 0, 1}, {0, 1, 1}});
    assertThatThrownBy(() -> Metrics.confusionMatrix(truth, new int[] {0, 0, 0, 3}, 3))
        .hasMessage("sample 3 has true class 2 and prediction 3; both must be in [0, 3)");
    assertThatThrownBy(() -> Metrics.accuracy(truth, new int[3]))
        .hasMessage("need the same, non-zero number of labels and predictions; got 4 and 3");
  }

  @Test
  void aClassifierScoresItsOwnPredictionsAndFitsWithoutAListener() {
    int[] listenerCalls = {0};
    Classifier firstFeatureSign = new Classifier() {
      @Override
      public double[] fit(double[][] x, int[] labels, TrainingOptions options, TrainingListener listener) {
        listenerCalls[0] += listener == TrainingListener.NONE ? 1 : 100;
        listener.onBatch(1, 1, 1);
        listener.onEpoch(1, 0.0, 1);
        return new double[options.epochs()];
      }

      @Override
      public int[] predict(double[][] x) {
        return Arrays.stream(x).mapToInt(row -> row[0] > 0 ? 1 : 0).toArray();
      }

      @Override
      public double[][] predictProba(double[][] x) {
        return Arrays.stream(x).map(row -> row[0] > 0 ? new double[] {0.2, 0.8} : new double[] {0.9, 0.1})
            .toArray(double[][]::new);
      }
    };
    assertThat(firstFeatureSign.fit(new double[1][1], new int[1], TrainingOptions.fullBatch(3, 1))).hasSize(3);
    assertThat(listenerCalls[0]).isEqualTo(1);
    assertThat(firstFeatureSign.score(new double[][] {{1}, {-1}, {2}}, new int[] {1, 0, 0}))
        .isEqualTo(2.0 / 3);
    assertThat(firstFeatureSign.loss(new double[][] {{1}, {-1}, {2}}, new int[] {1, 0, 0}))
        .as("the log-loss of predictProba: the true classes have 0.8, 0.9 and 0.2")
        .isCloseTo(-(Math.log(0.8) + Math.log(0.9) + Math.log(0.2)) / 3, within(1e-15));
  }
}
