package org.logitlab.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code .npy} codec against files NumPy wrote ({@code solutions/src/test/python/npy_fixtures.py}):
 * the contract is numpy.lib.format (https://numpy.org/devdocs/reference/generated/numpy.lib.format.html),
 * and the writer must produce the bytes {@code numpy.save} produces for the same values.
 */
class NpyTest {

  static byte[] fixture(String name) throws IOException {
    try (InputStream in = NpyTest.class.getResourceAsStream(name)) {
      assertThat(in).as("fixture " + name).isNotNull();
      return in.readAllBytes();
    }
  }

  private static NpyArray read(String name) throws IOException {
    return Npy.read(name, fixture(name));
  }

  @Test
  void readsTheValuesNumpyWroteToTheBit() throws IOException {
    double[][] matrix = read("numpy-matrix.npy").matrix();
    assertThat(read("numpy-matrix.npy").shape()).containsExactly(3, 4);
    assertThat(Double.doubleToRawLongBits(matrix[0][0])).isEqualTo(Double.doubleToRawLongBits(-0.0));
    assertThat(matrix[0][1]).isEqualTo(Double.MIN_VALUE);
    assertThat(matrix[0][2]).isEqualTo(Double.MAX_VALUE);
    assertThat(matrix[0][3]).isNaN();
    assertThat(read("numpy-scalar.npy").scalar()).isEqualTo(-1.25);
    assertThat(read("numpy-vector.npy").vector()).hasSize(7);
    assertThat(read("numpy-text.npy").text()).isEqualTo("tanh");
    assertThat(read("numpy-korean.npy").text()).isEqualTo("은닉층");
    assertThat(read("numpy-tall.npy").shape()).containsExactly(123456, 0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"numpy-matrix-fortran.npy", "numpy-matrix-big-endian.npy", "numpy-matrix-v2.npy"})
  void readsFortranOrderBigEndianAndFormatTwoAsTheSameMatrix(String variant) throws IOException {
    assertThat(read(variant)).isEqualTo(read("numpy-matrix.npy"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"numpy-matrix.npy", "numpy-vector.npy", "numpy-scalar.npy", "numpy-text.npy",
      "numpy-korean.npy", "numpy-tall.npy"})
  void writesTheBytesNumpySaveWrites(String name) throws IOException {
    byte[] numpy = fixture(name);
    assertThat(Npy.write(read(name))).as(name).isEqualTo(numpy);
  }

  @Test
  void writesArraysMadeInJavaAsNumpyDoes() throws IOException {
    assertThat(Npy.write(NpyArray.of(read("numpy-matrix.npy").matrix()))).isEqualTo(fixture("numpy-matrix.npy"));
    assertThat(Npy.write(NpyArray.scalar(-1.25))).isEqualTo(fixture("numpy-scalar.npy"));
    assertThat(Npy.write(NpyArray.of("은닉층"))).isEqualTo(fixture("numpy-korean.npy"));
    assertThat(Npy.write(NpyArray.of(new double[123456][0]))).isEqualTo(fixture("numpy-tall.npy"));
  }

  @Test
  void refusesOtherNumberTypesSayingHowToConvert() {
    assertThatThrownBy(() -> read("numpy-float32.npy")).isInstanceOf(NpyFormatException.class)
        .hasMessageContaining("numpy-float32.npy").hasMessageContaining("'<f4'").hasMessageContaining("astype");
    assertThatThrownBy(() -> read("numpy-int64.npy")).isInstanceOf(NpyFormatException.class)
        .hasMessageContaining("'<i8'");
  }

  @Test
  void refusesAnArrayCutShortOrWithBytesAfterIt() throws IOException {
    byte[] whole = fixture("numpy-matrix.npy");
    assertThatThrownBy(() -> Npy.read("m", Arrays.copyOf(whole, whole.length - 1)))
        .isInstanceOf(NpyFormatException.class).hasMessageContaining("promises 96 bytes of data, the file has 95")
        .hasMessageContaining("cut short");
    assertThatThrownBy(() -> Npy.read("m", Arrays.copyOf(whole, whole.length + 8)))
        .hasMessageContaining("bytes after the array");
    assertThatThrownBy(() -> Npy.read("m", Arrays.copyOf(whole, 40))).hasMessageContaining("ends inside the .npy header");
    assertThatThrownBy(() -> Npy.read("m", Arrays.copyOf(whole, 7))).hasMessageContaining("ends inside the .npy header");
  }

  @Test
  void refusesWhatIsNotAnNpyArray() throws IOException {
    byte[] text = "W1,b1\n1,2\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> Npy.read("weights.csv", text)).isInstanceOf(NpyFormatException.class)
        .hasMessageStartingWith("weights.csv: not an .npy array");
    byte[] future = fixture("numpy-matrix.npy");
    future[6] = 9;
    assertThatThrownBy(() -> Npy.read("m", future)).hasMessageContaining("version 9");
  }

  @Test
  void accessorsSayWhatTheArrayIsWhenAskedForAnotherShape() throws IOException {
    NpyArray vector = read("numpy-vector.npy");
    assertThatThrownBy(vector::matrix).isInstanceOf(IllegalStateException.class)
        .hasMessage("expected a 2-d float64 array, found a float64 array of shape (7,)");
    assertThatThrownBy(vector::text).hasMessageContaining("expected a string");
    assertThatThrownBy(() -> NpyArray.of(new double[][] {{1, 2}, {3}})).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 1 has 1 values, row 0 has 2");
  }
}
