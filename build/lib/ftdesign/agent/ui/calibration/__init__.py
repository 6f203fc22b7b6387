"""Calibration examples drafted together at the rubric gate, checked by the judge model."""
