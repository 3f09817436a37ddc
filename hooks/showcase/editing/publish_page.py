"""The editor's 检查并打包 page (admin/publish.html): check and package from the browser.

The page asks the gate in front of the file service (showcase/editing/editor_servers.py, POST /showcase/package) to run
`make check` and `make package`, and shows the result: the zip's name and folder, or the problems
with links to the forms of their files. Its <head> and security policy come from admin_files.
"""

PUBLISH_BODY = """<body>
<header><a href="./#/">返回表单</a></header>
<main>
  <h1>检查并打包</h1>
  <p>检查全部资料、新闻和图片；没有错误时，按公开网站的标准生成一遍，再把项目打成带日期的压缩包 <code>fayao-site-年-月-日.zip</code>，放在项目文件夹里。压缩包只留在这台电脑上，不会发到任何地方，请把它交给信息技术人员发布。草稿不会出现在公开网站上。</p>
  <p><button type="button" id="run">检查并打包</button></p>
  <div id="status" role="status" aria-live="polite"></div>
  <div id="forms"></div>
  <pre id="output" hidden></pre>
</main>
<script src="publish.js"></script>
</body>
</html>
"""


PUBLISH_CSS = """body { font-family: system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
       margin: 0; color: #222; line-height: 1.7; background: #eff0f4; }
header { background: #fff; padding: 0.8rem 1.5rem; box-shadow: 0 1px 3px rgba(0,0,0,.1); }
header a, main a { color: #a8071a; }
main { max-width: 50rem; margin: 1.5rem auto; padding: 1.5rem; background: #fff; border-radius: 6px; }
h1 { color: #a8071a; font-size: 1.6rem; margin-top: 0; }
h2 { font-size: 1.2rem; margin-bottom: 0.3rem; }
code { white-space: nowrap; }
button { font: inherit; font-size: 1.1rem; padding: 0.5rem 1.6rem; border: 0; border-radius: 5px;
         background: #a8071a; color: #fff; cursor: pointer; }
button:disabled { background: #8c8c8c; cursor: wait; }
#status { font-size: 1.1rem; margin: 1rem 0; }
#status.ok { color: #135200; }
#status.failed { color: #a8071a; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #fafafa; border-left: 4px solid #d9d9d9;
      padding: 1rem; font-size: 0.95rem; }
"""

PUBLISH_JS = """// 检查并打包：请资料服务运行 make check 和 make package，显示结果；有错误时链接到出错条目的表单。
(function () {
  var backend = document.querySelector("meta[name=showcase-backend]").content;
  var button = document.getElementById("run");
  var status = document.getElementById("status");
  var forms = document.getElementById("forms");
  var output = document.getElementById("output");
  function show(kind, text) { status.className = kind; status.textContent = text; }
  button.addEventListener("click", function () {
    button.disabled = true;
    forms.textContent = "";
    output.hidden = true;
    show("", "正在检查并打包，通常要一两分钟，请不要关闭这个页面……");
    fetch(backend + "/showcase/package", {method: "POST", headers: {"Content-Type": "application/json"}, body: "{}"})
      .then(function (answer) { return answer.json(); })
      .then(function (result) {
        if (result.error) { show("failed", result.error); return; }
        output.textContent = result.output;
        output.hidden = !result.output;
        if (result.ok) {
          show("ok", "已打包 " + result.zip + "，在项目文件夹 " + result.folder + " 里。请把它交给信息技术人员发布。");
          return;
        }
        show("failed", result.step === "check"
          ? "没有打包：资料有错误。请打开下面的表单改好、保存，再点“检查并打包”。"
          : "没有打包：网站没有生成。请按下面的提示改好，再点“检查并打包”。");
        if (result.forms.length) {
          var heading = document.createElement("h2");
          heading.textContent = "在表单里修改";
          var list = document.createElement("ul");
          result.forms.forEach(function (form) {
            var link = document.createElement("a");
            link.href = form.url;
            link.textContent = form.label;
            var item = document.createElement("li");
            item.appendChild(link);
            item.appendChild(document.createTextNode("（" + form.file + "）"));
            list.appendChild(item);
          });
          forms.appendChild(heading);
          forms.appendChild(list);
        }
      })
      .catch(function () { show("failed", "资料服务没有回应：请确认 make edit 还在运行。"); })
      .then(function () { button.disabled = false; });
  });
})();
"""
