/**
 * Gradient checks: centered differences of a loss against an analytic gradient, with the relative
 * error and the worst coordinate.
 */
package org.logitlab.gradcheck;
