"""Tests of the built site as readers use it: served like GitHub Pages, in a real browser, on paper."""
