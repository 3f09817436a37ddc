# 常用命令：make serve（预览）、make test（测试）、make build（生成网站）、make check（只检查资料和新闻开头的信息）。
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
export PYTHONPATH := hooks
export NO_MKDOCS_2_WARNING := 1
# Reproducible builds: dates come from the last commit (a fixed day outside git), never from the clock.
# Not for `make serve`: the preview judges the tracking dashboard's freshness as of today.
COMMIT_EPOCH := $(shell git log -1 --format=%ct 2>/dev/null || echo 1703606400)
build publish test bench lighthouse check: export SOURCE_DATE_EPOCH ?= $(COMMIT_EPOCH)

.PHONY: install system-deps serve edit build check schema test clean new publish

install: $(STAMP)

$(STAMP): requirements.txt requirements-test.txt constraints.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-test.txt -c constraints.txt
	touch $(STAMP)

# Chromium and CJK fonts for the browser tests (Debian packages; needs root).
system-deps:
	bash tools/install-system-deps.sh

serve: install
	$(PY) -m mkdocs serve --livereload

build: install
	$(PY) -m mkdocs build --strict

# 网页表单编辑器：http://127.0.0.1:8000/admin/（资料服务 decap-server 在 127.0.0.1:8081）；Ctrl-C 同时停止。
edit: install node-deps
	$(PY) tools/edit.py

check: install
	$(PY) -m showcase check

schema: install
	$(PY) -m showcase schema

test: install system-deps node-deps
	$(PY) -m pytest

# Node tools, pinned in package-lock.json: Lighthouse for make lighthouse and tests/test_lighthouse.py.
NODE_STAMP := node_modules/.installed-stamp
.PHONY: node-deps bench lighthouse

node-deps: $(NODE_STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $(NODE_STAMP)

# 生成性能基准（2 核上约 5 分钟）：真实网站、10/100/1000 个品牌的合成数据、导航、预览刷新。
bench: install system-deps
	$(PY) tools/bench.py

# Lighthouse（手机模拟）五个页面，四项得分都要 ≥ 0.95；报告在 test-artifacts/lighthouse/。
lighthouse: install system-deps node-deps
	$(PY) tools/lighthouse.py

clean:
	rm -rf site .pytest_cache

# 发布：make publish DEST=/srv/www/fayao（先生成并检查，全部通过后才一次性切换；回滚见 README）。
publish: install
	@test -n "$(DEST)" || { echo "请指定发布位置：make publish DEST=/srv/www/fayao"; exit 2; }
	$(PY) tools/publish.py --dest "$(DEST)"

# 新建文件：make new KIND=brand SLUG=xin-pinpai NAME=品牌名称（缺的值会在终端里问）。
new: install
	@test -n "$(KIND)" || { echo "请指定要新建的类型：make new KIND=brand（品牌）、project（法庭项目）、honour（荣誉）或 post（新闻）"; exit 2; }
	$(PY) -m showcase new $(KIND) --slug "$(SLUG)" --name "$(NAME)" --title "$(TITLE)" \
		--tribunal "$(TRIBUNAL)" --parent "$(PARENT)" --recipient "$(RECIPIENT)" \
		--level "$(LEVEL)" --honour-kind "$(HONOUR_KIND)" --source "$(SOURCE)" --date "$(DATE)"
