"""The Excel round trip for one period's figures: the workbook editors fill, read back into `data/so-lieu/`."""
