package org.logitlab.grader.hidden;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.logitlab.exercise.Exercise;
import org.logitlab.grader.submission.BytecodeCheck;

/**
 * No false negatives: every correct way of writing an exercise that the lessons allow (another
 * stable form, another grouping, loops instead of the given kernels, another shuffle) passes the
 * bytecode check and every hidden test, run the way the grader runs it. Each variant replaces the
 * reference's solution body.
 */
class CorrectVariantsTest {

  /** A correct solution body of {@code exercise}, other than the reference's. */
  record Variant(String name, Exercise exercise, String body) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Variant> variants() {
    return List.of(
        new Variant("sigmoid from e^(−|z|), one exp for both signs", Exercise.SIGMOID, """
                double e = Math.exp(-Math.abs(z));
                return z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
            """),
        new Variant("sigmoid split at 0 the other way round, e^z / (e^z + 1) below it", Exercise.SIGMOID, """
                if (z < 0) {
                  double e = Math.exp(z);
                  return e / (e + 1.0);
                }
                return 1.0 / (1.0 + Math.exp(-z));
            """),
        new Variant("BCE gradient as plain loops", Exercise.BCE_GRADIENT, """
                int m = y.length;
                int n = m == 0 ? 0 : x[0].length;
                double[] dw = new double[n];
                double db = 0.0;
                for (int i = 0; i < m; i++) {
                  double r = yHat[i] - y[i];
                  db += r;
                  for (int j = 0; j < n; j++) {
                    dw[j] += x[i][j] * r;
                  }
                }
                for (int j = 0; j < n; j++) {
                  dw[j] /= m;
                }
                return new Gradient(dw, db / m);
            """),
        new Variant("softmax in log-sum-exp form, p = e^(z − (max + log Σ))", Exercise.SOFTMAX, """
                double max = max(z);
                double sum = 0.0;
                for (double v : z) {
                  sum += Math.exp(v - max);
                }
                double logSum = max + Math.log(sum);
                for (int j = 0; j < z.length; j++) {
                  out[j] = Math.exp(z[j] - logSum);
                }
            """),
        new Variant("softmax multiplied by 1/Σ", Exercise.SOFTMAX, """
                double max = max(z);
                double sum = 0.0;
                for (int j = 0; j < z.length; j++) {
                  out[j] = Math.exp(z[j] - max);
                  sum += out[j];
                }
                double inverse = 1.0 / sum;
                for (int j = 0; j < out.length; j++) {
                  out[j] *= inverse;
                }
            """),
        new Variant("one-hot by a loop over the classes", Exercise.ONE_HOT, """
                double[][] y = new double[labels.length][classes];
                for (int i = 0; i < labels.length; i++) {
                  if (labels[i] < 0 || labels[i] >= classes) {
                    throw new IllegalArgumentException("label at index " + i + " is " + labels[i]
                        + ", outside 0.." + (classes - 1) + " for " + classes + " classes");
                  }
                  for (int c = 0; c < classes; c++) {
                    y[i][c] = c == labels[i] ? 1.0 : 0.0;
                  }
                }
                return y;
            """),
        new Variant("output-layer backprop as plain loops", Exercise.OUTPUT_BACKPROP, """
                int m = y.length;
                double[][] a1 = pass.a1();
                double[][] dZ2 = grads.dZ2();
                for (int i = 0; i < m; i++) {
                  for (int c = 0; c < dZ2[i].length; c++) {
                    dZ2[i][c] = pass.a2()[i][c] - y[i][c];
                  }
                }
                double[][] dW2 = grads.dW2();
                for (int r = 0; r < dW2.length; r++) {
                  for (int c = 0; c < dW2[r].length; c++) {
                    double s = 0.0;
                    for (int i = 0; i < m; i++) {
                      s += a1[i][r] * dZ2[i][c];
                    }
                    dW2[r][c] = s / m;
                  }
                }
                for (int c = 0; c < grads.db2().length; c++) {
                  double s = 0.0;
                  for (int i = 0; i < m; i++) {
                    s += dZ2[i][c];
                  }
                  grads.db2()[c] = s / m;
                }
            """),
        new Variant("hidden-layer backprop as plain loops", Exercise.HIDDEN_BACKPROP, """
                int m = x.length;
                double[][] dZ1 = grads.dZ1();
                for (int i = 0; i < m; i++) {
                  for (int r = 0; r < w2.length; r++) {
                    double s = 0.0;
                    for (int c = 0; c < w2[r].length; c++) {
                      s += grads.dZ2()[i][c] * w2[r][c];
                    }
                    dZ1[i][r] = s * g.derivativeFromOutput(pass.a1()[i][r]);
                  }
                }
                double[][] dW1 = grads.dW1();
                for (int p = 0; p < dW1.length; p++) {
                  for (int r = 0; r < dW1[p].length; r++) {
                    double s = 0.0;
                    for (int i = 0; i < m; i++) {
                      s += x[i][p] * dZ1[i][r];
                    }
                    dW1[p][r] = s / m;
                  }
                }
                for (int r = 0; r < grads.db1().length; r++) {
                  double s = 0.0;
                  for (int i = 0; i < m; i++) {
                    s += dZ1[i][r];
                  }
                  grads.db1()[r] = s / m;
                }
            """),
        new Variant("hidden-layer backprop with the slope taken at Z1, g'(z), instead of from A1", Exercise.HIDDEN_BACKPROP,
            """
                int m = x.length;
                double[][] dZ1 = grads.dZ1();
                Matrices.multiplyTransposeBInto(grads.dZ2(), w2, dZ1);
                for (int i = 0; i < m; i++) {
                  for (int j = 0; j < dZ1[i].length; j++) {
                    dZ1[i][j] *= g.derivative(pass.z1()[i][j]);
                  }
                }
                Matrices.multiplyTransposeAInto(x, dZ1, 1.0 / m, grads.dW1());
                Matrices.columnSumsInto(dZ1, 1.0 / m, grads.db1());
            """),
        new Variant("fit as the plain loop, with its own Fisher–Yates shuffle", Exercise.FIT, """
                double[][] y = OneHot.encode(labels, outputs());
                int m = x.length;
                int batch = options.batchSizeFor(m);
                int[] order = new int[m];
                for (int i = 0; i < m; i++) {
                  order[i] = i;
                }
                Random random = new Random(options.seed());
                double rate = options.learningRate();
                double[] costs = new double[options.epochs()];
                for (int epoch = 1; epoch <= options.epochs(); epoch++) {
                  long start = System.nanoTime();
                  for (int i = m - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1);
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                  }
                  double costSum = 0.0;
                  for (int from = 0; from < m; from += batch) {
                    int size = Math.min(batch, m - from);
                    double[][] xb = new double[size][];
                    double[][] yb = new double[size][];
                    for (int s = 0; s < size; s++) {
                      xb[s] = x[order[from + s]];
                      yb[s] = y[order[from + s]];
                    }
                    var pass = forward(xb);
                    costSum += CrossEntropy.fromProbabilities(pass.a2(), yb) * size;
                    var g = backward(xb, pass, yb);
                    Matrices.descend(w1, rate, g.dW1());
                    Matrices.descend(b1, rate, g.db1());
                    Matrices.descend(w2, rate, g.dW2());
                    Matrices.descend(b2, rate, g.db2());
                    listener.onBatch(epoch, from + size, m);
                  }
                  costs[epoch - 1] = costSum / m;
                  listener.onEpoch(epoch, costs[epoch - 1], System.nanoTime() - start);
                }
                return costs;
            """));
  }

  private static final Pattern SOLUTION = Pattern.compile("(// BEGIN SOLUTION (\\w+)\\n)(.*?)(\\s*// END SOLUTION)",
      Pattern.DOTALL);

  @ParameterizedTest(name = "{0}")
  @MethodSource("variants")
  void passesEveryHiddenTest(Variant variant, @TempDir Path tmp) throws IOException {
    String source = SuiteRuns.referenceSource(variant.exercise());
    Matcher solution = SOLUTION.matcher(source);
    assertThat(solution.find()).as("%s: the reference has a solution region", variant).isTrue();
    assertThat(solution.group(2)).isEqualTo(variant.exercise().name());
    String body = variant.body().stripTrailing().indent(0).lines().map(line -> "    " + line)
        .reduce((a, b) -> a + "\n" + b).orElseThrow();
    source = source.substring(0, solution.start(3)) + body + source.substring(solution.start(4));
    Path classes = SuiteRuns.compile(variant.exercise(), source, tmp);
    assertThat(BytecodeCheck.check(variant.exercise(), classes)).as("%s: what the bytecode check refuses", variant)
        .isEmpty();

    List<SuiteRuns.Outcome> outcomes = SuiteRuns.isolated(variant.exercise(), classes,
        Map.of(GradingParameters.SEED, "11"));

    assertThat(outcomes).as("%s: the hidden tests run", variant).isNotEmpty();
    assertThat(outcomes.stream().filter(o -> !o.passed() && !o.method().equals("reachesTheThresholdOnMnist")))
        .as("%s: the hidden tests it fails", variant).isEmpty();
  }
}
