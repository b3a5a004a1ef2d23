package org.logitlab.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses the CSV layout of the embedded data sets (the one scikit-learn ships them in):
 *
 * <pre>
 * rows,features,class name 0,class name 1,...
 * feature 1,...,feature n,class
 * ...
 * </pre>
 *
 * The header gives the number of sample lines and of features, then at least two class names; each
 * sample line holds {@code features} finite numbers and the class as an integer in
 * {@code [0, number of class names)}. Lines and columns in error messages count from 1.
 */
public final class DatasetCsv {

  private DatasetCsv() {}

  /**
   * Reads a whole data set.
   *
   * @param name the data set's name
   * @param source the file or resource it comes from, for error messages
   * @param reader the CSV text, read to the end (not closed)
   * @throws CsvFormatException at the first line that breaks the layout, naming the line, the column
   *     and what was found
   * @return the data set
   * @throws IOException if {@code reader} fails
   */
  public static Dataset parse(String name, String source, Reader reader) throws IOException {
    BufferedReader lines = new BufferedReader(reader);
    String headerLine = lines.readLine();
    if (headerLine == null) {
      throw new CsvFormatException(source + " is empty; expected a header line "
          + "'rows,features,class names...'");
    }
    String[] header = headerLine.split(",", -1);
    if (header.length < 4) {
      throw new CsvFormatException(source + " line 1: expected a header 'rows,features,class names...' with "
          + "at least two class names, found '" + headerLine + "'");
    }
    int rows = count(source, header[0], 1, 0, "the number of rows");
    int features = count(source, header[1], 2, 1, "the number of features");
    List<String> classNames = Arrays.stream(header, 2, header.length).map(String::trim).toList();

    List<double[]> x = new ArrayList<>();
    List<Integer> y = new ArrayList<>();
    int lineNumber = 1;
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      lineNumber++;
      String where = source + " line " + lineNumber;
      String[] fields = line.split(",", -1);
      if (fields.length != features + 1) {
        throw new CsvFormatException(where + ": expected " + (features + 1) + " comma-separated fields ("
            + features + " features, then the class), found " + fields.length + ": '" + line + "'");
      }
      double[] row = new double[features];
      for (int j = 0; j < features; j++) {
        row[j] = number(where, fields[j], j + 1);
      }
      x.add(row);
      y.add(label(where, fields[features], features + 1, classNames));
    }
    if (x.size() != rows) {
      throw new CsvFormatException(source + ": the header (line 1) announces " + rows + " rows but "
          + x.size() + " follow; fix the count or restore the missing lines");
    }
    return new Dataset(name, x.toArray(double[][]::new), y.stream().mapToInt(Integer::intValue).toArray(),
        classNames);
  }

  private static int count(String source, String field, int column, int minimum, String what)
      throws CsvFormatException {
    try {
      int value = Integer.parseInt(field.trim());
      if (value >= minimum) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below, as for a value out of range
    }
    throw new CsvFormatException(source + " line 1, column " + column + ": expected " + what
        + " (an integer >= " + minimum + "), found '" + field + "'");
  }

  private static double number(String where, String field, int column) throws CsvFormatException {
    try {
      double value = Double.parseDouble(field);
      if (Double.isFinite(value)) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below, as for a non-finite value
    }
    throw new CsvFormatException(where + ", column " + column + ": expected a finite number, found '"
        + field + "'");
  }

  private static int label(String where, String field, int column, List<String> classNames)
      throws CsvFormatException {
    try {
      int value = Integer.parseInt(field.trim());
      if (value >= 0 && value < classNames.size()) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below, as for a class out of range
    }
    throw new CsvFormatException(where + ", column " + column + ": expected the class, an integer in 0.."
        + (classNames.size() - 1) + " for " + classNames + ", found '" + field + "'");
  }
}
