/**
 * Internal: the catalogue of the graded exercises and the messages of the student kit and the grader.
 * Not part of the library's API: its classes may change without notice.
 */
package org.logitlab.exercise;
