"""Names vulture reports as unused but that are used: run ``vulture src/ tools/ .ci/vulture_whitelist.py``.

Attributes set on python-pptx and zipfile objects are read by those libraries, not by our code.
"""
# ruff: noqa: B018  (bare attribute accesses are what vulture reads)

_ = object

# python-pptx chart, axis and core-properties setters (deck/butterfly.py, tools/make_template.py)
_.has_legend
_.position
_.include_in_layout
_.overlap
_.gap_width
_.invert_if_negative
_.tick_label_position
_.major_unit
_.maximum_scale
_.minimum_scale
_.number_format_is_linked
_.has_major_gridlines
_.author
_._blob
# python-pptx reads this lazy property of the chart data to write the embedded workbook
_._workbook_writer

# zipfile.ZipInfo fields read when the member is written (input/sample.py)
_.compress_type
_.external_attr

# The flow grid's row codes: its identity for tests and bench/benchmark.py; renderers show the names.
_.source_codes
# Labels of the CPF4 nomenclature: loaded and checked like the others, for the product detail to come.
_.cpf4_names
# python-pptx setter: the balance bars' data labels show their signed value (deck/butterfly.py)
_.show_value
# WCAG contrast of the palette's text/fill pairs, checked by tests/test_style.py and tests/test_deck_all.py
_.contrast_ratio
_.MIN_TEXT_CONTRAST
