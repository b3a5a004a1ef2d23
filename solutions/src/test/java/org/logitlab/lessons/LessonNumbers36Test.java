package org.logitlab.lessons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.logitlab.lessons.LessonText.fixed;

import org.junit.jupiter.api.Test;
import org.logitlab.activation.Activation;
import org.logitlab.activation.Sigmoid;
import org.logitlab.activation.Softmax;
import org.logitlab.data.Dataset;
import org.logitlab.data.EmbeddedDatasets;
import org.logitlab.logistic.LogisticRegression;
import org.logitlab.model.TrainingListener;
import org.logitlab.model.TrainingOptions;

/** The numbers lessons 3 and 6 state, recomputed by the library. */
class LessonNumbers36Test {

  @Test
  void lesson3TabulatesTheFirstStepsOfTheSixStudentsAsTheLibraryTakesThem() {
    String lesson = LessonText.of("03-logistic-regression.md");
    Dataset toy = EmbeddedDatasets.toy();
    for (int step = 1; step <= 4; step++) {
      LogisticRegression model = LogisticRegression.zeros(2);
      model.fit(toy.x(), toy.y(), TrainingOptions.fullBatch(step, 1.0), TrainingListener.NONE);
      String row = "| " + step + " | " + fixed(model.weights()[0], 4) + " | " + fixed(model.weights()[1], 4) + " | "
          + fixed(model.bias(), 4) + " | " + fixed(model.loss(toy.x(), toy.y()), 4) + " |";
      assertThat(lesson).as("lesson 3's table row after step %d", step).contains(row);
    }
    assertThat(lesson).as("the starting cost log 2").contains("$\\log 2 = " + fixed(Math.log(2), 4) + "$");
    // Check yourself: two students against the trained boundary 3.25 x1 + 1.52 x2 - 14.48 = 0.
    double pass = 3.25 * 4 + 1.52 * 3 - 14.48;
    double fail = 3.25 * 2 + 1.52 * 3 - 14.48;
    assertThat(lesson).as("the scores and probabilities of (4, 3) and (2, 3)")
        .contains("= " + fixed(pass, 2) + "$, so $\\sigma(" + fixed(pass, 2) + ") = " + fixed(Sigmoid.apply(pass), 4))
        .contains("= " + fixed(fail, 2).replace('−', '-') + "$, so $\\sigma(" + fixed(fail, 2).replace('−', '-') + ") = "
            + fixed(Sigmoid.apply(fail), 4));
  }

  @Test
  void lesson6WorksTheOutputErrorAndTheSlopesOut() {
    String lesson = LessonText.of("06-two-layer-network.md");
    double[] p = Softmax.apply(new double[] {2, 1, 0.1});
    assertThat(lesson).as("softmax(2, 1, 0.1) and dZ2 for true class 0")
        .contains("(" + fixed(p[0], 4) + ", " + fixed(p[1], 4) + ", " + fixed(p[2], 4) + ")")
        .contains("(" + fixed(p[0] - 1, 4).replace('−', '-') + ", " + fixed(p[1], 4) + ", " + fixed(p[2], 4) + ")");
    assertThat(lesson).as("σ'(4) and tanh'(2)")
        .contains("\\sigma'(4) = " + fixed(Activation.SIGMOID.derivative(4), 4))
        .contains("\\tanh'(2) = " + fixed(Activation.TANH.derivative(2), 4));
    int parameters = 784 * 100 + 100 + 100 * 10 + 10;
    assertThat(lesson).as("the parameters of a 784-100-10 network")
        .contains("= " + parameters / 1000 + "{,}" + String.format("%03d", parameters % 1000) + "$");
  }
}
