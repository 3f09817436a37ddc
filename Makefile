# 常用命令：make serve（预览）、make test（测试）、make build（生成网站）、make check（只检查资料和新闻开头的信息）。
MAKEFLAGS += --no-print-directory
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
export NO_MKDOCS_2_WARNING := 1
# Reproducible builds: dates come from the last commit (a fixed day outside git), never from the clock.
# Not for `make serve`: the preview judges the tracking dashboard's freshness as of today.
COMMIT_EPOCH := $(shell git log -1 --format=%ct 2>/dev/null || echo 1703606400)
build package publish test bench lighthouse check dossier offline: export SOURCE_DATE_EPOCH ?= $(COMMIT_EPOCH)

.PHONY: install system-deps serve edit build check schema test test-fast clean new publish package dossier offline

# The editors' commands (serve, edit, build, check, new, package, publish) are `python -m showcase …`,
# which prints its Chinese message last. make would echo the command and, on failure, add
# "make: *** [check] Error 1" after the message: @ hides the echo, and on failure the recipe ends
# make with SIGPIPE, which neither make nor the shell reports. The exit status stays non-zero (141).
QUIET_FAIL = || kill -PIPE $$PPID

install: $(STAMP)

# $(call QUIETLY,command,message): the command's output goes to a log that is shown only when it
# fails, followed by the Chinese message; then make stops the way QUIET_FAIL does.
QUIETLY = log=$$(mktemp); { $(1); } >"$$log" 2>&1 || { cat "$$log" >&2; rm -f "$$log"; echo "$(2)：请看上面的提示。" >&2; kill -PIPE $$PPID; }; rm -f "$$log"
PIP_QUIET := --quiet --disable-pip-version-check

# The site's own packages for the editors' commands; the test packages (Playwright alone is ~40 MB)
# only for the commands that need them (install-test): a first `make edit` installed in 18 s
# instead of 120 s. Quiet unless it fails: the media team sees one Chinese line.
# Then the core itself, editable (pyproject.toml): `python -m showcase` needs no PYTHONPATH.
$(STAMP): requirements.txt constraints.txt pyproject.toml
	@echo "正在安装网站需要的 Python 程序（只在第一次或依赖改变时，约半分钟）……"
	@$(call QUIETLY,{ test -x $(PY) || python3 -m venv $(VENV); } && $(PY) -m pip install $(PIP_QUIET) --upgrade pip \
	  && $(PY) -m pip install $(PIP_QUIET) -r requirements.txt -c constraints.txt \
	  && $(PY) -m pip install $(PIP_QUIET) --no-deps --editable .,Python 程序没有装好)
	@touch $(STAMP)

TEST_STAMP := $(VENV)/.installed-test-stamp
.PHONY: install-test
install-test: $(TEST_STAMP)

$(TEST_STAMP): $(STAMP) requirements-test.txt
	@$(call QUIETLY,$(PY) -m pip install $(PIP_QUIET) -r requirements-test.txt -c constraints.txt,测试用的 Python 程序没有装好)
	@touch $(TEST_STAMP)

# Chromium and CJK fonts for the browser tests (Debian packages; needs root).
system-deps:
	bash tools/install-system-deps.sh

serve: install
	@$(PY) -m showcase serve $(QUIET_FAIL)

# 生成网站：先生成全部页面（generate），再交给引擎，最后统一加工（finish），写到 site/。
# 引擎默认 MkDocs + Material；make build ENGINE=zensical 用 Zensical（第一次会先装在 .venv-zensical）。
ENGINE ?= mkdocs
build: install $(if $(filter zensical,$(ENGINE)),zensical-deps)
	@$(PY) -m showcase build --engine $(ENGINE) $(QUIET_FAIL)

# Zensical in its own virtual environment, pinned in requirements-zensical.txt (README: 依赖).
ZVENV := .venv-zensical
ZSTAMP := $(ZVENV)/.installed-stamp
.PHONY: zensical-deps
zensical-deps: $(ZSTAMP)

$(ZSTAMP): requirements-zensical.txt
	@echo "正在安装第二个生成引擎 Zensical（只在第一次或版本改变时）……"
	@$(call QUIETLY,{ test -x $(ZVENV)/bin/python || python3 -m venv $(ZVENV); } \
	  && $(ZVENV)/bin/python -m pip install $(PIP_QUIET) --upgrade pip \
	  && $(ZVENV)/bin/python -m pip install $(PIP_QUIET) -r requirements-zensical.txt,Zensical 没有装好)
	@touch $(ZSTAMP)

# 网页表单编辑器：http://127.0.0.1:8000/admin/（资料服务在 127.0.0.1:8081）；Ctrl-C 同时停止。
# 换端口：make edit PORT=8010 BACKEND_PORT=8091（命令行上给的值优先，环境变量里的 PORT 不算）。
PORT := 8000
BACKEND_PORT := 8081
edit: install node-deps
	@$(PY) -m showcase edit --port "$(PORT)" --backend-port "$(BACKEND_PORT)" $(QUIET_FAIL)

check: install
	@$(PY) -m showcase check $(QUIET_FAIL)

# 打包：生成并检查公开网站，打成 fayao-site-年-月-日.zip，交给信息技术人员发布。
package: install
	@$(PY) -m showcase package $(QUIET_FAIL)

schema: install
	$(PY) -m showcase schema

test: install-test system-deps node-deps zensical-deps
	$(PY) -m pytest

# 只跑单元测试（约半分钟）：不生成网站、不开浏览器、不启动服务、不占网络端口（标记见 pyproject.toml）。
test-fast: install-test
	$(PY) -m pytest -m "not build and not browser and not server"

# Node tools, pinned in package-lock.json: Lighthouse for make lighthouse and tests/test_lighthouse.py.
NODE_STAMP := node_modules/.installed-stamp
.PHONY: node-deps bench lighthouse

node-deps: $(NODE_STAMP)

# npm's peer-dependency warnings (338 lines, all from Decap CMS's React packages) are kept out of sight.
$(NODE_STAMP): package.json package-lock.json
	@echo "正在安装表单编辑器等需要的 Node 程序（只在第一次或依赖改变时，约一分钟）……"
	@$(call QUIETLY,npm ci --no-audit --no-fund --loglevel=error,Node 程序没有装好（常见原因：没有联网，或没有装 Node.js）)
	@touch $(NODE_STAMP)

# 生成性能基准：先是两个引擎的干净生成、预览刷新和峰值内存（真实网站和 1000 篇新闻，tools/dev/bench_pipeline.py），
# 再是 10/100/1000 个品牌的合成数据和导航（tools/dev/bench.py，2 核上约 10 分钟）。
bench: install-test system-deps zensical-deps
	$(PY) -m tools.dev.bench_pipeline
	$(PY) -m tools.dev.bench --no-reload

# Lighthouse（手机模拟）五个页面，每页 3 次的中位数，打印分数（性能只作参考），低于 0.95 的标出来；报告在 test-artifacts/lighthouse/。
# （性能是计时分数，随机器负载起落，这里只打印；make test 里的测试只查不计时的三项，见 README。）
lighthouse: install system-deps node-deps
	$(PY) -m tools.dev.lighthouse

# 删除所有生成物和缓存：网站、解析与模板缓存、测试报告、Python 的字节码。
clean:
	rm -rf site build .cache .pytest_cache .hypothesis test-artifacts fayao-site-*.zip
	find . -path ./.venv -prune -o -path ./node_modules -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

# 审阅材料（写在 dist/）：案例汇编 PDF（要二维码就先设 SITE_URL），以及可双击打开的离线网站压缩包。
dossier: install-test system-deps
	$(PY) -m tools.release.dossier

offline: install node-deps
	$(PY) -m tools.release.offline

# 发布：make publish DEST=/srv/www/fayao（先生成并检查，全部通过后才一次性切换；回滚见 README）。
publish: install
	@test -n "$(DEST)" || { echo "请指定发布位置：make publish DEST=/srv/www/fayao"; kill -PIPE $$PPID; }
	@$(PY) -m showcase publish --dest "$(DEST)" $(QUIET_FAIL)

# 新建文件：make new KIND=brand SLUG=xin-pinpai NAME=品牌名称（缺的值会在终端里问）。
# 值里有空格时加引号：make new KIND=post TITLE="示例 新闻"。The values reach Python through the
# environment (SHOWCASE_NAME …), not through a shell command line, so quotes inside them survive.
new: export SHOWCASE_SLUG = $(SLUG)
new: export SHOWCASE_NAME = $(NAME)
new: export SHOWCASE_TITLE = $(TITLE)
new: export SHOWCASE_TRIBUNAL = $(TRIBUNAL)
new: export SHOWCASE_PARENT = $(PARENT)
new: export SHOWCASE_BRAND = $(BRAND)
new: export SHOWCASE_RECIPIENT = $(RECIPIENT)
new: export SHOWCASE_LEVEL = $(LEVEL)
new: export SHOWCASE_HONOUR_KIND = $(HONOUR_KIND)
new: export SHOWCASE_SOURCE = $(SOURCE)
new: export SHOWCASE_DATE = $(DATE)
new: export SHOWCASE_ACTIVITY_KIND = $(ACTIVITY_KIND)
new: export SHOWCASE_KIND = $(KIND)
new: install
	@test -n "$(KIND)" || { echo "请指定要新建的类型：make new KIND=brand（品牌）、project（法庭项目）、honour（荣誉）、activity（活动记录）或 post（新闻）"; kill -PIPE $$PPID; }
	@$(PY) -m showcase new "$$SHOWCASE_KIND" $(QUIET_FAIL)
