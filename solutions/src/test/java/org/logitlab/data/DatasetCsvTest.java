package org.logitlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class DatasetCsvTest {

  private static Dataset parse(String csv) throws IOException {
    return DatasetCsv.parse("demo", "demo.csv", new StringReader(csv));
  }

  private static AbstractThrowableAssert<?, ?> assertThatParsing(String csv) {
    return assertThatThrownBy(() -> parse(csv)).isInstanceOf(CsvFormatException.class);
  }

  @Test
  void parsesHeaderFeaturesAndClasses() throws IOException {
    Dataset data = parse("3,2,no,yes, maybe\n1.5,-2,0\n0,1e3,2\n4, 5 ,1\n");

    assertThat(data.name()).isEqualTo("demo");
    assertThat(data.x()).isDeepEqualTo(new double[][] {{1.5, -2}, {0, 1000}, {4, 5}});
    assertThat(data.y()).containsExactly(0, 2, 1);
    assertThat(data.classNames()).containsExactly("no", "yes", "maybe");
  }

  @Test
  void anEmptySourceAsksForTheHeader() {
    assertThatParsing("")
        .hasMessage("demo.csv is empty; expected a header line 'rows,features,class names...'");
  }

  @Test
  void aHeaderWithoutTwoClassNamesIsRejected() {
    assertThatParsing("1,2,only\n1,2,0\n")
        .hasMessage("demo.csv line 1: expected a header 'rows,features,class names...' with at least two "
            + "class names, found '1,2,only'");
  }

  @Test
  void headerCountsMustBeIntegers() {
    assertThatParsing("many,2,a,b\n")
        .hasMessage("demo.csv line 1, column 1: expected the number of rows (an integer >= 0), found 'many'");
    assertThatParsing("1,0,a,b\n0,0\n")
        .hasMessage("demo.csv line 1, column 2: expected the number of features (an integer >= 1), "
            + "found '0'");
  }

  @Test
  void aWrongFieldCountNamesTheLine() {
    assertThatParsing("2,2,a,b\n1,2,0\n1,2\n")
        .hasMessage("demo.csv line 3: expected 3 comma-separated fields (2 features, then the class), "
            + "found 2: '1,2'");
  }

  @Test
  void aNonNumberNamesLineAndColumn() {
    assertThatParsing("1,3,a,b\n1,x2,3,1\n")
        .hasMessage("demo.csv line 2, column 2: expected a finite number, found 'x2'");
  }

  @Test
  void nonFiniteNumbersAreRejected() {
    assertThatParsing("1,2,a,b\n1,NaN,0\n")
        .hasMessageContaining("line 2, column 2: expected a finite number");
    assertThatParsing("1,2,a,b\nInfinity,1,0\n")
        .hasMessageContaining("line 2, column 1: expected a finite number");
  }

  @Test
  void aLabelOutOfRangeNamesTheClasses() {
    assertThatParsing("1,1,a,b\n0.5,2\n")
        .hasMessage("demo.csv line 2, column 2: expected the class, an integer in 0..1 for [a, b], "
            + "found '2'");
    assertThatParsing("1,1,a,b\n0.5,-1\n").hasMessageContaining("found '-1'");
    assertThatParsing("1,1,a,b\n0.5,1.0\n").hasMessageContaining("column 2: expected the class");
  }

  @Test
  void theHeaderRowCountMustMatch() {
    assertThatParsing("3,1,a,b\n1,0\n2,1\n")
        .hasMessage("demo.csv: the header (line 1) announces 3 rows but 2 follow; fix the count or restore "
            + "the missing lines");
    assertThatParsing("1,1,a,b\n1,0\n2,1\n").hasMessageContaining("announces 1 rows but 2 follow");
  }
}
