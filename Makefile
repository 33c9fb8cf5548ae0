# Mingze Wang's research site. `make html` and `make test` do all the set-up.

PYTHON      ?= python3
VENV        ?= .venv
SPHINXOPTS  ?= -n -W --keep-going
SOURCEDIR    = .
BUILDDIR    ?= _build
BIN          = $(VENV)/bin
SPHINXBUILD  = $(BIN)/sphinx-build

.PHONY: help html dirhtml epub latex latexpdf linkcheck serve test clean distclean

help: ## Show this help.
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

# The venv is (re)made whenever a requirements file is newer than it.
$(BIN)/sphinx-build: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(BIN)/pytest: $(BIN)/sphinx-build requirements-test.txt
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	touch $@

html: $(SPHINXBUILD) ## Build the site into _build/html.
	$(SPHINXBUILD) -M html "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS) $(O)

epub: $(SPHINXBUILD) ## Build the EPUB into _build/epub.
	$(SPHINXBUILD) -M epub "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS) $(O)

latex: $(SPHINXBUILD) ## Write the LaTeX sources into _build/latex.
	$(SPHINXBUILD) -M latex "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS) $(O)

latexpdf: $(SPHINXBUILD) ## Build the PDF (needs TeX Live) into _build/latex.
	$(SPHINXBUILD) -M latexpdf "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS) $(O)

linkcheck: $(SPHINXBUILD) ## Check external links (needs network).
	$(SPHINXBUILD) -M linkcheck "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS) $(O)

serve: $(BIN)/pytest ## Live preview on http://127.0.0.1:8000, rebuilt on every change.
	$(BIN)/sphinx-autobuild "$(SOURCEDIR)" "$(BUILDDIR)/html" $(SPHINXOPTS) \
	  --host 127.0.0.1 --port 8000 --watch _ext --watch refs.bib --watch data \
	  --ignore "$(VENV)/*" --ignore "$(BUILDDIR)/*" $(O)

test: $(BIN)/pytest ## Run the test suite (builds into temporary folders).
	$(BIN)/pytest $(PYTEST_ARGS)

clean: ## Remove the build output.
	rm -rf "$(BUILDDIR)"

distclean: clean ## Remove the build output and the virtual environment.
	rm -rf "$(VENV)"
