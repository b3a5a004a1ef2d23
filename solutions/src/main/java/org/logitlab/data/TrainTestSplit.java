package org.logitlab.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A data set divided into a training and a test part.
 *
 * @param train the training part, named {@code name + "-train"}
 * @param test the test part, named {@code name + "-test"}
 */
public record TrainTestSplit(Dataset train, Dataset test) {

  /**
   * Splits {@code data} so that each class keeps its proportion: of the {@code m_c} samples of class
   * {@code c}, {@code round(testFraction · m_c)} chosen at random go to the test part, the rest to the
   * training part. Both parts list their rows in a random order (so a data set sorted by class is mixed)
   * and share the row arrays of {@code data} rather than copying them. The same seed gives the same split.
   *
   * @param testFraction the share of each class that goes to the test part, strictly between 0 and 1
   * @param data the data set to split
   * @param seed seeds the random choice and order
   * @return the two parts
   */
  public static TrainTestSplit stratified(Dataset data, double testFraction, long seed) {
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new IllegalArgumentException("testFraction must lie strictly between 0 and 1, got " + testFraction
          + "; e.g. 0.2 keeps a fifth of each class for testing");
    }
    List<List<Integer>> byClass = new ArrayList<>();
    for (int c = 0; c < data.classes(); c++) {
      byClass.add(new ArrayList<>());
    }
    for (int i = 0; i < data.size(); i++) {
      byClass.get(data.y()[i]).add(i);
    }
    Random random = new Random(seed);
    List<Integer> train = new ArrayList<>();
    List<Integer> test = new ArrayList<>();
    for (List<Integer> members : byClass) {
      Collections.shuffle(members, random);
      int testCount = (int) Math.round(testFraction * members.size());
      test.addAll(members.subList(0, testCount));
      train.addAll(members.subList(testCount, members.size()));
    }
    Collections.shuffle(train, random);
    Collections.shuffle(test, random);
    return new TrainTestSplit(subset(data, data.name() + "-train", train),
        subset(data, data.name() + "-test", test));
  }

  private static Dataset subset(Dataset data, String name, List<Integer> rows) {
    double[][] x = new double[rows.size()][];
    int[] y = new int[rows.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = data.x()[rows.get(i)];
      y[i] = data.y()[rows.get(i)];
    }
    return new Dataset(name, x, y, data.classNames());
  }
}
