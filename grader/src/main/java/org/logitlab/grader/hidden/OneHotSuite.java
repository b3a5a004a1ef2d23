package org.logitlab.grader.hidden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.logitlab.exercise.Exercise.ONE_HOT;

import java.util.Arrays;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.logitlab.softmax.OneHot;

/**
 * Exercise 4, {@code OneHot.encode(labels, classes)}: against the reference on random labels, the
 * shape {@code m × k} (also when some classes never occur, with one class, and with no labels), and
 * labels out of range: an {@code IllegalArgumentException} naming the index and the value of the first
 * bad label.
 */
@DisplayNameGeneration(CheckNames.class)
@ExtendWith(Diagnosed.Reporter.class)
public class OneHotSuite {

  private static String describe(int[] labels, int classes) {
    String shown = labels.length <= 30 ? Arrays.toString(labels)
        : Arrays.toString(Arrays.copyOf(labels, 30)).replace("]", ", " + Checks.text("oneHot.moreLabels", "count",
            labels.length) + "]");
    return "OneHot.encode(" + shown + ", " + classes + ")";
  }

  /** {@code "<input>, random case #3 of seed 0"}. */
  private static String inCase(String input, int c) {
    return Checks.text("random.inCase", "input", input, "case", RandomInputs.caseOf(c));
  }

  @Test
  void matchesTheReferenceOnRandomLabels() {
    Random random = RandomInputs.random(401);
    for (int c = 1; c <= RandomInputs.cases(); c++) {
      int classes = RandomInputs.between(random, 1, 12);
      int[] labels = RandomInputs.labels(random, RandomInputs.between(random, 1, 40), classes);
      double[][] expected = org.logitlab.reference.softmax.OneHot.encode(labels, classes);
      assertThat(OneHot.encode(labels.clone(), classes))
          .as(ONE_HOT.about(inCase(describe(labels, classes), c)))
          .isDeepEqualTo(expected);
    }
  }

  @Test
  void hasOneColumnPerClassEvenForClassesThatNeverOccur() {
    Random random = RandomInputs.random(402);
    for (int c = -1; c <= RandomInputs.cases(); c++) {
      int classes;
      int[] labels;
      String input;
      if (c <= 0) {
        // The label arrays of the public tests, with more classes than those tests use: the result
        // must follow the number of classes, not a remembered answer.
        labels = c == -1 ? new int[] {2, 0, 1, 2} : new int[] {9, 3};
        classes = (c == -1 ? 3 : 10) + RandomInputs.between(random, 1, 5);
        input = Checks.text("oneHot.publicLabels", "call", describe(labels, classes), "classes", classes);
      } else {
        classes = RandomInputs.between(random, 3, 15);
        // Labels only from the lower half of the classes: the number of columns cannot come from them.
        labels = RandomInputs.labels(random, RandomInputs.between(random, 1, 20), classes / 2);
        input = inCase(describe(labels, classes), c);
      }
      double[][] y = OneHot.encode(labels.clone(), classes);
      String call = input;
      assertThat(y).as(() -> ONE_HOT.about(Checks.rows(call))).hasNumberOfRows(labels.length);
      for (int i = 0; i < labels.length; i++) {
        int row = i;
        int label = labels[i];
        assertThat(y[i]).as(() -> ONE_HOT.about(Checks.rowLength(call, row))).hasSize(classes);
        assertThat(y[i][label]).as(() -> ONE_HOT.about(Checks.entry(call, "[" + row + "][" + label + "]")))
            .isEqualTo(1.0);
        assertThat(Arrays.stream(y[i]).sum())
            .as(() -> ONE_HOT.about(Checks.text("oneHot.rowSum", "input", call, "row", row)))
            .isEqualTo(1.0);
      }
    }
  }

  @Test
  void handlesOneClassAndNoLabels() {
    Random random = RandomInputs.random(403);
    int m = RandomInputs.between(random, 1, 20);
    int[] zeros = new int[m];
    double[][] ones = new double[m][1];
    for (double[] row : ones) {
      row[0] = 1.0;
    }
    assertThat(OneHot.encode(zeros, 1)).as(ONE_HOT.about(describe(zeros, 1))).isDeepEqualTo(ones);
    int classes = RandomInputs.between(random, 1, 12);
    assertThat(OneHot.encode(new int[0], classes)).as(ONE_HOT.about(describe(new int[0], classes))).isEmpty();
  }

  /** Random valid labels with {@code bad} at a random index; checks the exception names that index and value. */
  private static void assertRejected(Random random, int c, int classes, int bad) {
    int[] labels = RandomInputs.labels(random, RandomInputs.between(random, 1, 12), classes);
    int index = random.nextInt(labels.length);
    labels[index] = bad;
    assertRejected(labels, classes, index, c);
  }

  private static void assertRejected(int[] labels, int classes, int index, int c) {
    int bad = labels[index];
    assertThatThrownBy(() -> OneHot.encode(labels.clone(), classes))
        .as(ONE_HOT.about(Checks.text("oneHot.rejected", "call", describe(labels, classes), "label", bad, "index",
            index, "classes", classes, "case", RandomInputs.caseOf(c))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageFindingMatch("index " + index + "(?!\\d)")
        .hasMessageFindingMatch("(?<![\\d-])" + Pattern.quote(String.valueOf(bad)) + "(?!\\d)");
  }

  @Test
  void rejectsALabelEqualToTheNumberOfClasses() {
    Random random = RandomInputs.random(404);
    for (int c = 1; c <= RandomInputs.cases(); c++) {
      int classes = RandomInputs.between(random, 1, 12);
      assertRejected(random, c, classes, classes);
    }
  }

  @Test
  void rejectsALabelAboveTheClasses() {
    Random random = RandomInputs.random(405);
    for (int c = 1; c <= RandomInputs.cases(); c++) {
      int classes = RandomInputs.between(random, 1, 12);
      assertRejected(random, c, classes, classes + RandomInputs.between(random, 1, 1000));
    }
  }

  @Test
  void rejectsANegativeLabel() {
    Random random = RandomInputs.random(406);
    for (int c = 1; c <= RandomInputs.cases(); c++) {
      int classes = RandomInputs.between(random, 1, 12);
      assertRejected(random, c, classes, -RandomInputs.between(random, 1, 1000));
    }
  }

  @Test
  void namesTheFirstBadLabel() {
    Random random = RandomInputs.random(407);
    for (int c = 1; c <= RandomInputs.cases(); c++) {
      int classes = RandomInputs.between(random, 2, 12);
      int[] labels = RandomInputs.labels(random, RandomInputs.between(random, 3, 15), classes);
      int first = random.nextInt(labels.length - 1);
      labels[first] = random.nextBoolean() ? -RandomInputs.between(random, 1, 50) : classes + random.nextInt(50);
      for (int i = first + 1; i < labels.length; i++) {
        if (random.nextBoolean()) {
          labels[i] = random.nextBoolean() ? -RandomInputs.between(random, 51, 99) : classes + 50 + random.nextInt(50);
        }
      }
      assertRejected(labels, classes, first, c);
      // Naming every bad label is not naming the first one.
      String message = catchThrowable(() -> OneHot.encode(labels.clone(), classes)).getMessage();
      for (int i = first + 1; i < labels.length; i++) {
        if (labels[i] < 0 || labels[i] >= classes) {
          assertThat(message).as(ONE_HOT.about(Checks.text("oneHot.firstNamed", "call", describe(labels, classes),
                  "first", first, "later", i, "case", RandomInputs.caseOf(c))))
              .doesNotContainPattern("index " + i + "(?!\\d)");
        }
      }
    }
  }
}
