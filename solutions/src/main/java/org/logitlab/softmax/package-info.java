/**
 * Softmax regression and one-hot encoding by scatter.
 */
package org.logitlab.softmax;
