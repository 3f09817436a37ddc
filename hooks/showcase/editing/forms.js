// 网页表单编辑器的中文措辞、文件格式和保存前的整理。由 hooks/showcase/editing/admin_files.py 放进预览的 admin/。
// Uses Decap's public API only: registerLocale, registerCustomFormat, registerEventListener,
// registerEditorComponent. SHOWCASE_FORMS (admin/choices.js) holds the pinyin table and the names.
(function () {
  "use strict";
  var CMS = window.CMS;
  var DATA = window.SHOWCASE_FORMS || { pinyin: {}, names: {}, links: [] };

  // 1. Words. Saving writes the file; 检查并打包 (in the header) is what makes a site to publish.
  var WORDS = {
    app: { header: { quickAdd: "新建", media: "图片" } },
    collection: { sidebar: { collections: "内容", searchAll: "查找…" } },
    editor: {
      editorControlPane: { widget: { regexPattern: "“%{fieldLabel}”写法不对：%{pattern}" } },
      editor: {
        onDeleteWithUnsavedChanges: "确定要删除这一条，连同还没保存的修改吗？删除后预览和下次打包都不再有它。",
        onDeletePublishedEntry: "确定要删除这一条吗？删除后预览和下次打包都不再有它。",
        onPublishing: "确定要保存吗？",
      },
      editorToolbar: {
        publishing: "正在保存…",
        publish: "保存",
        published: "已保存",
        publishNow: "保存",
        publishAndCreateNew: "保存，然后再新建一条",
        publishAndDuplicate: "保存，然后复制一条",
        deletePublishedEntry: "删除这一条",
        deleteEntry: "删除这一条",
        deleteUnpublishedEntry: "删除这一条",
        changesSaved: "修改已保存",
        unsavedChanges: "有还没保存的修改",
        backCollection: "正在编辑“%{collectionLabel}”",
        duplicate: "复制一条",
        deployPreviewPendingButtonLabel: "查看预览",
        deployPreviewButtonLabel: "查看预览",
        deployButtonLabel: "查看网页",
      },
      editorWidgets: {
        markdown: { richText: "排版", markdown: "原文", linkPrompt: "链接到哪个网址" },
        list: { add: "添加一项" },
      },
    },
    mediaLibrary: { mediaLibraryModal: { mediaAssets: "图片" } },
    ui: {
      toast: {
        entrySaved: "已保存。预览几秒后更新。",
        entryPublished: "已保存。预览几秒后更新。",
        missingRequiredField: "还有必填的项目没填，或有写法不对的项目（标红的地方），改好后再保存。",
        onFailToPersist: "保存失败：%{details}",
      },
    },
  };
  function merge(base, extra) {
    var out = {};
    Object.keys(base || {}).forEach(function (key) { out[key] = base[key]; });
    Object.keys(extra).forEach(function (key) {
      var value = extra[key];
      out[key] = value && typeof value === "object" ? merge(out[key], value) : value;
    });
    return out;
  }
  CMS.registerLocale("zh_Hans", merge(CMS.getLocale("zh_Hans"), WORDS));

  // Strings that Decap's widgets do not translate (react-select's, for one).
  var ENGLISH = { "No options": "没有可选的项", "Loading...": "正在加载…", "Type to search...": "输入文字查找…" };
  function translate(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var node;
    while ((node = walker.nextNode())) {
      var text = node.nodeValue.trim();
      if (ENGLISH[text]) node.nodeValue = ENGLISH[text];
    }
    if (root.querySelectorAll) {
      root.querySelectorAll("[placeholder]").forEach(function (el) {
        var text = el.getAttribute("placeholder");
        if (ENGLISH[text]) el.setAttribute("placeholder", ENGLISH[text]);
      });
    }
  }
  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      change.addedNodes.forEach(function (node) {
        if (node.nodeType === 1) translate(node);
        else if (node.nodeType === 3 && ENGLISH[node.nodeValue.trim()]) node.nodeValue = ENGLISH[node.nodeValue.trim()];
      });
      if (change.type === "characterData" && ENGLISH[change.target.nodeValue.trim()]) {
        change.target.nodeValue = ENGLISH[change.target.nodeValue.trim()];
      }
    });
  }).observe(document.documentElement, { childList: true, subtree: true, characterData: true });

  // 2. Formats. js-yaml reads without timestamps (dates stay text, as the schema wants them) and writes
  // with them, so that a date such as 2023-05-01 is quoted and read back as text by the build.
  var YAML = window.jsyaml;
  var READ = { schema: YAML.CORE_SCHEMA };
  var WRITE = { schema: YAML.DEFAULT_SAFE_SCHEMA, lineWidth: -1, noRefs: true };
  var comments = {}; // the comment lines at the top of each data file, by the file's key
  var keyOrder = {}; // the order of the file's fields, kept when it is saved
  var records = {}; // an activity log's records as they were read, to tell the ones a save adds
  var reportText = {}; // the text of a from_report page when it was opened, by slug
  var REPORT_FIELDS = ["summary", "slogan", "meaning", "background", "practices", "results", "cases"];
  var SCHEMA_LINE = { brand: "brand", project: "project", honour: "honour", activity: "activity", site: "site" };

  function kindOf(data) {
    if (data.records !== undefined || (data.brand && !data.title && !data.slug)) return "activity";
    if (data.court) return "site";
    if (data.recipient !== undefined || data.level !== undefined) return "honour";
    if (data.tribunal !== undefined) return "project";
    return "brand";
  }
  function keyOf(data) {
    return kindOf(data) + ":" + (data.slug || data.brand || "");
  }
  // A record is the one read from the file if its date and title are (an edit of its other fields keeps it).
  function recordKey(record) {
    return String(record.date || "") + "|" + String(record.title || "");
  }
  function textOf(data) {
    return JSON.stringify(REPORT_FIELDS.map(function (name) { return data[name] === undefined ? null : data[name]; }));
  }

  // The fields in the form's order (Decap passes it, as to its own formats), then any others.
  function inOrder(data, names) {
    var out = {};
    names.concat(Object.keys(data)).forEach(function (name) {
      if (data[name] !== undefined && !(name in out)) out[name] = data[name];
    });
    return out;
  }

  CMS.registerCustomFormat("data-yml", "yml", {
    fromFile: function (content) {
      var header = (content.match(/^(?:#.*\r?\n|\s*\r?\n)*/) || [""])[0].replace(/\s+$/, "");
      var data = YAML.load(content, READ) || {};
      comments[keyOf(data)] = header;
      keyOrder[keyOf(data)] = Object.keys(data);
      if (data.from_report) reportText[keyOf(data)] = textOf(data);
      if (Array.isArray(data.records)) records[keyOf(data)] = data.records.map(recordKey);
      return data;
    },
    toFile: function (data, sortedKeys) {
      var kind = kindOf(data);
      data = inOrder(data, (keyOrder[keyOf(data)] || []).concat(sortedKeys || []));
      var header = comments[keyOf(data)];
      if (!header) {
        var path = kind === "site" ? "../schemas/" : "../../schemas/";
        header = "# yaml-language-server: $schema=" + path + SCHEMA_LINE[kind] + ".schema.json";
      }
      return header + "\n\n" + YAML.dump(data, WRITE);
    },
  });

  var MORE = "<!-- more -->";
  var FRONT_ORDER = ["date", "title", "categories", "authors", "slug", "description", "draft", "pin", "readtime", "image"];
  var posts = {}; // by the post's address name: its front matter's order, and the title its first line gave
  function postKey(data) {
    return String(data.date || "").slice(0, 10) + "|" + (data.slug || "");
  }
  CMS.registerCustomFormat("news-post", "md", {
    fromFile: function (content) {
      var match = content.match(/^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/);
      var data = match ? YAML.load(match[1], READ) || {} : {};
      var body = match ? match[2] : content;
      var seen = { order: Object.keys(data), heading: null };
      if (!data.title) {
        // A post written by hand names itself in its first line, "# 标题": the form shows it as the title,
        // and the file keeps it where it was.
        var heading = body.match(/^\s*#\s+(.+?)\s*(?:\r?\n|$)/);
        if (heading) {
          data.title = seen.heading = heading[1];
          body = body.slice(heading[0].length);
        }
      }
      posts[postKey(data)] = seen;
      var at = body.indexOf(MORE);
      if (at >= 0) {
        data.summary = body.slice(0, at).trim();
        body = body.slice(at + MORE.length);
      }
      data.body = body.replace(/^\s+/, "");
      return data;
    },
    toFile: function (data) {
      var seen = posts[postKey(data)] || { order: [], heading: null };
      var front = {};
      seen.order.concat(FRONT_ORDER, Object.keys(data)).forEach(function (name) {
        if (data[name] !== undefined && name !== "body" && name !== "summary" && !(name in front)) front[name] = data[name];
      });
      var heading = seen.heading !== null && front.title === seen.heading;
      if (heading) delete front.title;
      var date = front.date;
      delete front.date;
      // The date unquoted, as Material's blog reads it: 2023-12-27 or 2023-12-27 17:49:27+08:00.
      var dated = date ? "date: " + date + "\n" : "";
      var keys = Object.keys(front);
      var text = "---\n" + (seen.order[0] === "date" || !seen.order.length ? dated : "") +
        (keys.length ? YAML.dump(front, WRITE) : "") + (seen.order[0] === "date" || !seen.order.length ? "" : dated) +
        "---\n\n";
      if (heading) text += "# " + seen.heading + "\n\n";
      if (data.summary) text += String(data.summary).trim() + "\n\n" + MORE + "\n\n";
      return text + String(data.body || "").trim() + "\n";
    },
  });

  // 3. Before saving: the news post's address from the title's pinyin, its description from the excerpt,
  // and "取自来源报告" turned off when the report's text was rewritten (the editor is asked first).
  function pinyinOf(title) {
    var words = [];
    var latin = "";
    Array.from(String(title)).forEach(function (ch) {
      if (/[A-Za-z0-9]/.test(ch)) { latin += ch.toLowerCase(); return; }
      if (latin) { words.push(latin); latin = ""; }
      if (DATA.pinyin[ch]) words.push(DATA.pinyin[ch]);
    });
    if (latin) words.push(latin);
    // Whole syllables, up to about 40 letters: a long title gives an address of its first words.
    var slug = "";
    words.every(function (word) {
      if (slug && slug.length + 1 + word.length > 40) return false;
      slug = slug ? slug + "-" + word : word;
      return true;
    });
    return slug || "xinwen";
  }
  CMS.registerEventListener({
    name: "preSave",
    handler: function (event) {
      var data = event.entry.get("data");
      var collection = event.entry.get("collection");
      if (collection === "news") {
        if (!data.get("slug") && data.get("title")) data = data.set("slug", pinyinOf(data.get("title")));
        if (!data.get("description") && data.get("summary")) {
          data = data.set("description", String(data.get("summary")).replace(/\s+/g, " ").slice(0, 200));
        }
        return data;
      }
      var plain = data.toJS();
      if (Array.isArray(plain.records)) {
        // Records this save adds are drafts, as new entries are; the editor turns the switch off later.
        var known = records[keyOf(plain)] || [];
        data = data.set("records", data.get("records").map(function (record) {
          return known.indexOf(recordKey(record.toJS())) >= 0 ? record : record.set("draft", true);
        }));
      }
      var before = reportText[keyOf(plain)];
      if (plain.from_report && before !== undefined && before !== textOf(plain)) {
        var keep = window.confirm(
          "这一页注明“取自来源报告”，你改写了其中的文字。\n" +
          "新写的文字不是来源报告的原话：点“确定”关掉“取自来源报告”后保存；点“取消”仍注明取自来源报告。"
        );
        if (keep) data = data.set("from_report", false);
      }
      return data;
    },
  });

  // After a save, the editor reads the saved file again: Decap keeps the entry as it was when opened,
  // so typing back an old value would otherwise show 修改已保存 and refuse to save it. Leaving the entry
  // for its list and coming back makes Decap load it from the file (a new entry is loaded by Decap itself).
  var reloads = 0; // how often an entry was read again after a save (the browser tests wait for it)
  CMS.registerEventListener({
    name: "postSave",
    handler: function () {
      setTimeout(function () {
        var entry = window.location.hash;
        var match = entry.match(/^#\/collections\/([^/]+)\/entries\/.+/);
        if (!match) return;
        window.location.hash = "#/collections/" + match[1];
        setTimeout(function () {
          window.location.hash = entry;
          reloads += 1;
          document.documentElement.setAttribute("data-entry-reloads", String(reloads));
        }, 50);
      }, 300);
    },
  });

  // 4. A link to a brand or project page inside a news post, chosen by name.
  CMS.registerEditorComponent({
    id: "case-link",
    label: "链接到品牌或项目",
    fields: [
      { name: "target", label: "品牌或项目", widget: "select", options: DATA.links },
      { name: "text", label: "链接文字", widget: "string", required: false,
        hint: "不填就用品牌或项目的名称。" },
    ],
    pattern: /^\[([^\]\n]+)\]\((\.\.\/\.\.\/(?:brands|projects)\/[a-z0-9-]+\.md)\)$/,
    fromBlock: function (match) { return { text: match[1], target: match[2] }; },
    toBlock: function (value) {
      var name = (DATA.links.filter(function (o) { return o.value === value.target; })[0] || {}).label || "";
      return "[" + (value.text || name) + "](" + value.target + ")";
    },
    toPreview: function (value) { return value.text || value.target; },
  });

  // 5. Entry lists name a brand or project by its Chinese name, not its address name.
  new MutationObserver(function () {
    document.querySelectorAll("a[href*='/collections/activities/entries/'] h2").forEach(function (h) {
      var name = DATA.names[h.textContent.trim()];
      if (name) h.textContent = name;
    });
  }).observe(document.documentElement, { childList: true, subtree: true });

  // Everything is registered: start the editor (admin/manual-init.js held it back).
  CMS.init();
})();
