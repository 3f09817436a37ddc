/* 阅读设置（适老化）: 字号, 关怀模式, 朗读 (连读 and 指读), 大鼠标, 十字光标, 重置.
 *
 * Choices live on <html>: data-font-size="small|medium|large", and data-care, data-point-read,
 * data-big-cursor, data-crosshair = "on"; care.css does the styling. A tiny static script in <head>
 * (overrides/main.html) sets them from localStorage before the body is parsed, so a page never
 * shows in the wrong state. This file shows the toolbar (hidden without JavaScript), keeps the
 * buttons' aria-pressed in step, stores the choices and runs the aids. If storage is blocked,
 * a choice still works on the current page.
 *
 * 朗读 uses the browser's own speech synthesis (Web Speech API) with a Chinese voice; nothing is
 * sent anywhere. Pausing cancels and later repeats the current sentence, because pause() does
 * not work with every browser's voices (Android's, for one). */
(function () {
  "use strict";

  var SIZE_KEY = "sc-font-size";
  var SIZES = ["small", "medium", "large"];
  var DEFAULT_SIZE = "medium"; // 中: also care.css's size when <html> has no attribute
  var TOGGLES = ["care", "point-read", "big-cursor", "crosshair"]; // stored as "sc-" + name: "on" | "off"
  // What 连读 reads, one unit each, and what 指读 reads under the pointer or focus.
  var BLOCKS = "h1,h2,h3,h4,h5,h6,p,li,dt,dd,th,td,caption,figcaption,blockquote,pre,summary";
  var POINTABLE = "a[href],button,summary,label," + BLOCKS;
  var SKIP = "script,style,template,[hidden],[aria-hidden='true'],.headerlink,.sc-breadcrumb,.md-content__button";
  var NO_SPEECH = "本浏览器不能朗读：请换用较新版本的浏览器，或使用手机、电脑自带的读屏功能。";
  var NO_VOICE = "本浏览器没有中文语音，暂时不能朗读。请在手机或电脑的系统设置中添加中文语音后再试。";
  var NOT_ALLOWED = "浏览器要求先点击一下页面，才能开始朗读。";
  var root = document.documentElement;
  var synth = window.speechSynthesis;

  function read(key) {
    try {
      return window.localStorage.getItem(key);
    } catch (error) {
      return null; // storage blocked (privacy settings, some in-app browsers)
    }
  }

  function write(key, value) {
    try {
      window.localStorage.setItem(key, value);
    } catch (error) {
      /* storage blocked or full: the choice lasts for this page only */
    }
  }

  function validSize(size) {
    return SIZES.indexOf(size) !== -1 ? size : DEFAULT_SIZE;
  }

  function setSize(size) {
    root.setAttribute("data-font-size", validSize(size));
  }

  function isOn(name) {
    return root.getAttribute("data-" + name) === "on";
  }

  function setToggle(name, on) {
    if (on) {
      root.setAttribute("data-" + name, "on");
    } else {
      root.removeAttribute("data-" + name);
    }
  }

  function restore() {
    setSize(read(SIZE_KEY) || root.getAttribute("data-font-size"));
    TOGGLES.forEach(function (name) {
      var stored = read("sc-" + name);
      if (stored) setToggle(name, stored === "on");
    });
  }

  // The text a reader hears for an element: its name, and the state of a toggle button.
  function spokenText(element) {
    var text = element.getAttribute("aria-label") || element.innerText || element.textContent || "";
    var pressed = element.getAttribute("aria-pressed");
    if (pressed) text += pressed === "true" ? "，已开启" : "，未开启";
    return text.replace(/\s+/g, " ").trim();
  }

  // Long blocks are read sentence by sentence: short utterances can be paused and resumed cleanly.
  function sentences(text) {
    return text.match(/[^。！？；!?]+[。！？；!?”」）)]*/g) || [];
  }

  // Rendered: not display: none (Material's card grids are display: contents, which has no box).
  function shown(element) {
    return element.getClientRects().length > 0 || getComputedStyle(element).display === "contents";
  }

  function chartText(svg) {
    var ids = (svg.getAttribute("aria-labelledby") || "").split(/\s+/);
    var parts = ids.map(function (id) {
      var label = id && document.getElementById(id);
      return label ? label.textContent.trim() : "";
    });
    return parts.filter(Boolean).join("。") || svg.getAttribute("aria-label") || "";
  }

  // The article from its title on, in document order: one unit per sentence of each block.
  function articleUnits() {
    var article = document.querySelector("article.md-content__inner") || document.querySelector("main");
    if (!article) return [];
    var title = article.querySelector("h1");
    var units = [];
    var block = null;
    var text = "";
    function flush() {
      sentences(text.replace(/\s+/g, " ").trim()).forEach(function (sentence) {
        if (sentence.trim()) units.push({ element: block, text: sentence.trim() });
      });
      text = "";
    }
    var walker = document.createTreeWalker(article, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        if (node.nodeType === 3) return NodeFilter.FILTER_ACCEPT;
        if (node.matches(SKIP) || !shown(node)) return NodeFilter.FILTER_REJECT;
        // A chart is read by its title and description, not by its axis labels.
        if (node.namespaceURI === "http://www.w3.org/2000/svg") {
          if (started && node.getAttribute("role") === "img") {
            flush();
            block = node;
            text = chartText(node);
            flush();
            block = null;
          }
          return NodeFilter.FILTER_REJECT;
        }
        return NodeFilter.FILTER_SKIP;
      },
    });
    var started = !title;
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!started) {
        if (!(title.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
        started = true;
      }
      var owner = node.parentElement.closest(BLOCKS) || node.parentElement;
      if (owner !== block) {
        flush();
        block = owner;
      }
      text += node.data;
    }
    flush();
    return units;
  }

  function init() {
    var bar = document.querySelector("[data-care-toolbar]");
    if (!bar) return;
    var sizeButtons = Array.prototype.slice.call(bar.querySelectorAll("button[data-size]"));
    var toggleButtons = Array.prototype.slice.call(bar.querySelectorAll("button[data-care-toggle]"));
    var readButton = bar.querySelector("[data-speech='read']");
    var pauseButton = bar.querySelector("[data-speech='pause']");
    var stopButton = bar.querySelector("[data-speech='stop']");
    var moreButton = bar.querySelector("[data-care-more]");
    var status = bar.querySelector("[data-care-status]");
    var crosshair = null;

    // 连读's state: null, or {units, index, paused}. session invalidates callbacks of old utterances.
    var reading = null;
    var session = 0;
    var voice = null;
    var voicesKnown = false;
    var marked = null;
    var pointed = null;
    var pointTimer = 0;
    var current = null; // the utterance being spoken: kept, so that it is not collected before it ends

    function say(message) {
      status.textContent = message;
    }

    function render() {
      var size = validSize(root.getAttribute("data-font-size"));
      sizeButtons.forEach(function (button) {
        button.setAttribute("aria-pressed", String(button.getAttribute("data-size") === size));
      });
      toggleButtons.forEach(function (button) {
        button.setAttribute("aria-pressed", String(isOn(button.getAttribute("data-care-toggle"))));
      });
      readButton.setAttribute("aria-pressed", String(!!reading));
      pauseButton.setAttribute("aria-pressed", String(!!(reading && reading.paused)));
      pauseButton.disabled = stopButton.disabled = !reading;
      if (isOn("crosshair") && !crosshair) {
        crosshair = document.createElement("div");
        crosshair.className = "sc-crosshair";
        crosshair.setAttribute("aria-hidden", "true");
        document.body.appendChild(crosshair);
      }
    }

    function mark(element) {
      if (marked) marked.classList.remove("sc-speaking");
      marked = element;
      if (element) element.classList.add("sc-speaking");
    }

    // Calls back with a Chinese voice, or says in the toolbar why there is none (and calls failed).
    function withVoice(callback, failed) {
      if (!synth || !window.SpeechSynthesisUtterance) {
        say(NO_SPEECH);
        if (failed) failed();
        return;
      }
      function pick() {
        var best = null;
        synth.getVoices().forEach(function (candidate) {
          var lang = (candidate.lang || "").replace("_", "-");
          var rank = /^zh-(CN|Hans)/i.test(lang) ? 3 : /^(zh|cmn)(-|$)/i.test(lang) ? (/HK|yue/i.test(lang) ? 1 : 2) : 0;
          if (rank && (!best || rank > best.rank)) best = { voice: candidate, rank: rank };
        });
        return best && best.voice;
      }
      function done() {
        voicesKnown = true;
        voice = pick();
        if (voice) {
          callback(voice);
        } else {
          say(NO_VOICE);
          if (failed) failed();
        }
      }
      voice = pick();
      if (voice || voicesKnown || synth.getVoices().length) {
        done();
        return;
      }
      // Chrome loads its voices after the page: wait for them a moment.
      var timer = setTimeout(finish, 1500);
      function finish() {
        clearTimeout(timer);
        synth.removeEventListener("voiceschanged", finish);
        done();
      }
      synth.addEventListener("voiceschanged", finish);
    }

    function speak(text, onend) {
      var utterance = new window.SpeechSynthesisUtterance(text);
      utterance.voice = voice;
      utterance.lang = voice.lang || "zh-CN";
      utterance.rate = 0.9; // a little slower than the default, for older listeners
      utterance.onend = onend;
      utterance.onerror = function (event) {
        if (event.error === "not-allowed") {
          say(NOT_ALLOWED);
          stopReading();
        } else if (event.error !== "interrupted" && event.error !== "canceled") {
          onend();
        }
      };
      current = utterance;
      synth.speak(utterance);
    }

    function silence() {
      session += 1;
      if (synth) synth.cancel();
      mark(null);
    }

    function readNext(id) {
      if (id !== session || !reading || reading.paused) return;
      var unit = reading.units[reading.index];
      if (!unit) {
        stopReading();
        return;
      }
      mark(unit.element);
      if (unit.element.scrollIntoView) unit.element.scrollIntoView({ block: "nearest" });
      speak(unit.text, function () {
        if (id !== session || !reading) return;
        reading.index += 1;
        readNext(id);
      });
    }

    function startReading() {
      withVoice(function () {
        var units = articleUnits();
        if (!units.length) return;
        silence();
        say("");
        reading = { units: units, index: 0, paused: false };
        render();
        readNext(session);
      });
    }

    function stopReading() {
      silence();
      reading = null;
      render();
    }

    function togglePause() {
      if (!reading) return;
      if (reading.paused) {
        reading.paused = false;
        readNext(session);
      } else {
        silence();
        reading.paused = true;
        mark(reading.units[reading.index] && reading.units[reading.index].element);
      }
      render();
    }

    // 指读: the link, button, heading or paragraph under the pointer or with the focus.
    function pointAt(target, again) {
      if (!isOn("point-read") || reading) return;
      var element = target && target.closest ? target.closest(POINTABLE) : null;
      if (element === pointed && !again) return;
      pointed = element;
      if (!element) return;
      var text = spokenText(element);
      if (!text) return;
      withVoice(function () {
        silence();
        var id = session;
        mark(element);
        speak(text, function () {
          if (id === session) mark(null);
        });
      });
    }

    function setPointRead(on) {
      setToggle("point-read", on);
      write("sc-point-read", on ? "on" : "off");
      pointed = null;
      if (!on && !reading) silence();
      render();
    }

    restore();
    render();
    bar.hidden = false;
    // 指读 left on from an earlier page, in a browser that cannot speak Chinese: say so, turn it off.
    if (isOn("point-read")) {
      withVoice(function () {}, function () {
        setPointRead(false);
      });
    }

    sizeButtons.forEach(function (button) {
      button.addEventListener("click", function () {
        var size = button.getAttribute("data-size");
        setSize(size);
        write(SIZE_KEY, size);
        render();
      });
    });

    toggleButtons.forEach(function (button) {
      var name = button.getAttribute("data-care-toggle");
      button.addEventListener("click", function () {
        var on = !isOn(name);
        if (name === "point-read") {
          if (!on) {
            setPointRead(false);
            return;
          }
          say("");
          withVoice(function () {
            setPointRead(true);
          });
          return;
        }
        setToggle(name, on);
        write("sc-" + name, on ? "on" : "off");
        render();
      });
    });

    readButton.addEventListener("click", function () {
      if (reading) {
        stopReading();
      } else {
        startReading();
      }
    });
    pauseButton.addEventListener("click", togglePause);
    stopButton.addEventListener("click", stopReading);

    moreButton.addEventListener("click", function () {
      moreButton.setAttribute("aria-expanded", String(moreButton.getAttribute("aria-expanded") !== "true"));
    });

    bar.querySelector("[data-care-reset]").addEventListener("click", function () {
      stopReading();
      setSize(DEFAULT_SIZE);
      write(SIZE_KEY, DEFAULT_SIZE);
      TOGGLES.forEach(function (name) {
        setToggle(name, false);
        write("sc-" + name, "off");
      });
      say("已恢复默认设置。");
      setTimeout(function () {
        if (status.textContent === "已恢复默认设置。") say("");
      }, 5000);
      render();
    });

    // Shortcuts: Alt+Shift with the key in each button's aria-keyshortcuts; Esc stops the reading.
    var shortcuts = {};
    Array.prototype.forEach.call(bar.querySelectorAll("button[aria-keyshortcuts^='Alt+Shift+']"), function (button) {
      var key = button.getAttribute("aria-keyshortcuts").slice(-1);
      shortcuts[(/\d/.test(key) ? "Digit" : "Key") + key] = button;
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && (reading || marked)) {
        stopReading();
        return;
      }
      if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return;
      if (event.target.closest && event.target.closest("input,textarea,select,[contenteditable]")) return;
      var button = shortcuts[event.code];
      if (button) {
        event.preventDefault();
        button.click();
      }
    });

    document.addEventListener("mouseover", function (event) {
      if (!isOn("point-read")) return;
      clearTimeout(pointTimer);
      // A short rest, so that moving across the page does not start and cut off a dozen readings.
      pointTimer = setTimeout(function () {
        pointAt(event.target, false);
      }, 150);
    });
    // A tap on a phone: read at once (touch screens send no mouseover to every element).
    document.addEventListener("pointerup", function (event) {
      if (event.pointerType !== "mouse") pointAt(event.target, false);
    });
    document.addEventListener("focusin", function (event) {
      pointAt(event.target, true);
    });

    document.addEventListener("mousemove", function (event) {
      if (!crosshair || !isOn("crosshair")) return;
      crosshair.style.setProperty("--sc-x", event.clientX + "px");
      crosshair.style.setProperty("--sc-y", event.clientY + "px");
      crosshair.classList.add("sc-crosshair--shown");
    });
    document.addEventListener("mouseleave", function () {
      if (crosshair) crosshair.classList.remove("sc-crosshair--shown");
    });

    // Leaving the page ends its reading (some browsers would carry on speaking).
    window.addEventListener("pagehide", function () {
      if (synth) synth.cancel();
    });

    // A choice made in another tab of the site applies here too.
    window.addEventListener("storage", function (event) {
      if (event.key !== null && event.key !== SIZE_KEY && TOGGLES.indexOf(event.key.slice(3)) === -1) return;
      restore();
      if (!isOn("point-read") && !reading) silence();
      render();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
