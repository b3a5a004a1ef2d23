package org.logitlab.grader.batch;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.logitlab.grader.submission.Submission;

/**
 * Who each submission folder is in an LMS: a CSV file (UTF-8, with or without a byte order mark) whose
 * header row names a {@code folder} column, the submission's folder or zip name as {@code grade-all}
 * names the student, and the LMS's identity columns:
 *
 * <ul>
 *   <li>Canvas: {@code Student} and at least one of {@code ID} (Canvas's user ID, digits),
 *       {@code SIS User ID}, {@code SIS Login ID}; {@code Section} if you like. These are the names of
 *       Canvas's gradebook export, so an export with a {@code folder} column added is a roster.
 *   <li>Moodle: exactly one of {@code username}, {@code email}, {@code idnumber}, {@code userid}: the
 *       user field Moodle's import maps the column to.
 * </ul>
 *
 * <p>Header names are matched without case and other columns are ignored. Folders are matched without
 * case, without a {@code .zip} ending and in Unicode NFC (a zip made on macOS spells Korean names
 * decomposed). An entry with an empty folder is a student without a submission. Every entry needs an
 * identity; no two entries share a folder or an identity (the error names both lines).
 *
 * @param file the roster, as given
 * @param columns the identity columns of the LMS file, in order
 * @param entries the students, in the roster's order
 */
public record Roster(Path file, List<String> columns, List<Entry> entries) {

  /** The column of the submission folder. */
  public static final String FOLDER = "folder";

  /**
   * A student of the roster.
   *
   * @param folder the submission folder or zip name; empty when the student has none
   * @param values one per {@link Roster#columns()}, empty where the roster has no such column
   * @param line the line of the roster file it is on
   */
  public record Entry(String folder, List<String> values, int line) {

    /** Copies the values. */
    public Entry {
      values = List.copyOf(values);
    }

    /** The first identity value (Canvas: the name) and the line, for reports: {@code "Kim, Minjun (line 4)"}. */
    public String describe() {
      return values.stream().filter(v -> !v.isEmpty()).findFirst().orElse(folder) + " (line " + line + ")";
    }
  }

  /** A record of the file and the line it starts on. */
  private record Row(List<String> cells, int line) {

    String get(Integer column) {
      return column == null || column >= cells.size() ? "" : cells.get(column);
    }
  }

  /** Copies the lists. */
  public Roster {
    columns = List.copyOf(columns);
    entries = List.copyOf(entries);
  }

  /**
   * Reads the roster of {@code lms} from {@code file}.
   *
   * @throws IllegalArgumentException when the file is missing, not UTF-8 or not CSV, lacks a column, or
   *     has an entry without an identity, a Canvas ID that is not a number, or a folder or identity that
   *     another entry has: the message names the line and what to do
   */
  public static Roster read(Path file, Lms lms) throws IOException {
    List<Row> rows = rows(file);
    if (rows.isEmpty()) {
      throw new IllegalArgumentException(file + " is empty. " + expected(lms));
    }
    Map<String, Integer> header = new HashMap<>();
    for (int i = 0; i < rows.get(0).cells().size(); i++) {
      String name = lower(rows.get(0).cells().get(i));
      if (!name.isEmpty() && header.put(name, i) != null) {
        throw new IllegalArgumentException(file + " line 1: two columns are named '" + name
            + "'; rename or delete one");
      }
    }
    List<String> keys = lms.keys().stream().filter(k -> header.containsKey(lower(k))).toList();
    boolean complete = header.containsKey(FOLDER) && switch (lms) {
      case CANVAS -> header.containsKey("student") && !keys.isEmpty();
      case MOODLE -> keys.size() == 1;
    };
    if (!complete) {
      throw new IllegalArgumentException(file + " line 1: the header is " + rows.get(0).cells() + ". " + expected(lms));
    }
    List<String> columns = lms == Lms.CANVAS ? lms.columns() : keys;
    List<Entry> entries = new ArrayList<>();
    Map<String, Integer> lineOf = new HashMap<>();
    for (Row row : rows.subList(1, rows.size())) {
      if (row.cells().stream().allMatch(String::isEmpty)) {
        continue; // a spreadsheet's empty row
      }
      Entry entry = new Entry(row.get(header.get(FOLDER)),
          columns.stream().map(c -> row.get(header.get(lower(c)))).toList(), row.line());
      check(file, lms, entry, columns, keys, lineOf);
      entries.add(entry);
    }
    return new Roster(file, columns, entries);
  }

  /** The key a folder or student name is matched by: without its archive ending ({@code .zip}), NFC, lower case. */
  static String key(String folder) {
    int ending = Submission.archiveEnding(folder).map(String::length).filter(n -> n < folder.length()).orElse(0);
    return Normalizer.normalize(folder.substring(0, folder.length() - ending), Normalizer.Form.NFC)
        .toLowerCase(Locale.ROOT);
  }

  /** Checks that {@code entry} has an identity and shares no folder or key value with an earlier entry. */
  private static void check(Path file, Lms lms, Entry entry, List<String> columns, List<String> keys,
      Map<String, Integer> lineOf) {
    String at = file + " line " + entry.line() + ": ";
    List<String> identity = keys.stream().map(k -> entry.values().get(columns.indexOf(k))).filter(v -> !v.isEmpty())
        .toList();
    if (identity.isEmpty()) {
      throw new IllegalArgumentException(at + "no " + String.join(" or ", keys) + " for "
          + (entry.folder().isEmpty() ? "this entry" : "'" + entry.folder() + "'") + ": " + lms.title()
          + " finds a student by it; fill it in, or delete the line if it is not a student");
    }
    String canvasId = lms == Lms.CANVAS ? entry.values().get(columns.indexOf("ID")) : "";
    if (!canvasId.matches("\\d*")) {
      throw new IllegalArgumentException(at + "ID '" + canvasId + "' is not a Canvas user ID (digits, "
          + "as the ID column of Canvas's gradebook export has them); a login or student number goes in SIS Login ID "
          + "or SIS User ID");
    }
    if (!entry.folder().isEmpty()) {
      unique(at, FOLDER, entry.folder(), key(entry.folder()), entry, lineOf,
          " (folders are compared without case and without .zip)");
    }
    for (String k : keys) {
      String value = entry.values().get(columns.indexOf(k));
      if (!value.isEmpty()) {
        unique(at, k, value, value.toLowerCase(Locale.ROOT), entry, lineOf, "");
      }
    }
  }

  /** Records that {@code column} has {@code value} (compared as {@code key}) on the entry's line, once. */
  private static void unique(String at, String column, String value, String key, Entry entry,
      Map<String, Integer> lineOf, String note) {
    Integer other = lineOf.putIfAbsent(column + ":" + key, entry.line());
    if (other != null) {
      throw new IllegalArgumentException(at + "the " + column + " '" + value + "' is also on line " + other + note
          + ": one student, one line; keep the right one");
    }
  }

  /** The file's records with their lines; a byte order mark is skipped, cells are trimmed. */
  private static List<Row> rows(Path file) throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("--roster " + file + ": no such file", e);
    } catch (MalformedInputException e) {
      throw new IllegalArgumentException(file + " is not UTF-8 text: save it as \"CSV UTF-8\" (Excel) or as UTF-8 CSV, "
          + "and run the command again", e);
    }
    String csv = text.startsWith("\uFEFF") ? text.substring(1) : text;
    List<Row> rows = new ArrayList<>();
    try (CSVParser parser = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).setTrim(true).get()
        .parse(new StringReader(csv))) {
      int line = 1;
      int counted = 0;
      for (CSVRecord record : parser) {
        int start = (int) record.getCharacterPosition();
        while (csv.charAt(start) == '\n' || csv.charAt(start) == '\r') {
          start++; // the empty lines the parser skipped before the record
        }
        line += (int) csv.substring(counted, start).chars().filter(c -> c == '\n').count();
        counted = start;
        rows.add(new Row(record.toList(), line));
      }
    } catch (UncheckedIOException e) {
      throw new IllegalArgumentException(file + " is not a CSV file the grader can read: " + e.getCause().getMessage()
          + ". Save it from a spreadsheet as CSV", e);
    }
    return rows;
  }

  private static String expected(Lms lms) {
    return "A roster for " + lms.title() + " has a header row with " + switch (lms) {
      case CANVAS -> "folder, Student and ID (or SIS User ID or SIS Login ID), and Section if you like, as "
          + "Canvas's gradebook export names them";
      case MOODLE -> "folder and one of username, email, idnumber or userid (the user field Moodle's import "
          + "maps it to)";
    } + "; see README.md, LMS gradebooks";
  }

  private static String lower(String name) {
    return name.strip().toLowerCase(Locale.ROOT);
  }
}
