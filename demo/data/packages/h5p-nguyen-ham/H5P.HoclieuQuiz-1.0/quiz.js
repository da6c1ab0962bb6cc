/*
 * H5P.HoclieuQuiz 1.0: thư viện H5P tối giản của dữ liệu mẫu hoclieu (giấy phép MIT).
 * Câu hỏi nhiều lựa chọn; khi bấm "Kiểm tra" gửi câu lệnh xAPI "answered" kèm điểm
 * (triggerXAPIScored của H5P core); getCurrentState cho phép học tiếp (trạng thái lưu
 * bằng contentUserData, nhận lại qua extras.previousState).
 */
var H5P = H5P || {};

H5P.HoclieuQuiz = (function ($, EventDispatcher) {
  "use strict";

  function Quiz(params, contentId, extras) {
    EventDispatcher.call(this);
    this.params = params || {};
    this.contentId = contentId;
    this.questions = this.params.questions || [];
    var previous = (extras && extras.previousState) || {};
    this.answers = previous.answers || {};
    this.score = typeof previous.score === "number" ? previous.score : null;
  }
  Quiz.prototype = Object.create(EventDispatcher.prototype);
  Quiz.prototype.constructor = Quiz;

  Quiz.prototype.getScore = function () {
    var self = this;
    return this.questions.reduce(function (sum, q, i) {
      return sum + (Number(self.answers[i]) === q.correct ? 1 : 0);
    }, 0);
  };
  Quiz.prototype.getMaxScore = function () { return this.questions.length; };
  Quiz.prototype.getAnswerGiven = function () { return Object.keys(this.answers).length > 0; };
  Quiz.prototype.getCurrentState = function () {
    return { answers: this.answers, score: this.score };
  };
  Quiz.prototype.resetTask = function () {
    this.answers = {};
    this.score = null;
    if (this.$container) { this.attach(this.$container); }
  };

  Quiz.prototype.attach = function ($container) {
    var self = this;
    this.$container = $container;
    $container.empty().addClass("h5p-hoclieu-quiz");
    $("<p>").text(this.params.intro || "").appendTo($container);
    this.questions.forEach(function (q, i) {
      var $set = $("<fieldset>").attr("data-cau", i + 1).appendTo($container);
      $("<legend>").text("Câu " + (i + 1) + ". " + q.text).appendTo($set);
      (q.answers || []).forEach(function (answer, j) {
        var $input = $("<input type='radio'>").attr({ name: "cau-" + i, value: j });
        if (String(self.answers[i]) === String(j)) { $input.prop("checked", true); }
        $input.on("change", function () { self.answers[i] = j; });
        $("<label>").append($input, document.createTextNode(" " + "ABC".charAt(j) + ". " + answer))
          .appendTo($set);
      });
    });
    var $result = $("<p class='ket-qua' aria-live='polite'>");
    $("<button type='button' class='h5p-joubelui-button kiem-tra'>")
      .text(this.params.check || "Kiểm tra")
      .on("click", function () { self.check($result); })
      .appendTo($container);
    $result.appendTo($container);
    if (this.score !== null) { this.show($result); }
    this.trigger("resize");
  };

  Quiz.prototype.show = function ($result) {
    $result.text("Đúng " + this.score + "/" + this.getMaxScore() + " câu.");
    this.$container.attr("data-diem", this.score);
  };

  Quiz.prototype.check = function ($result) {
    this.score = this.getScore();
    this.show($result);
    if (typeof this.triggerXAPIScored === "function") {
      this.triggerXAPIScored(this.score, this.getMaxScore(), "answered");
    }
  };

  return Quiz;
})(H5P.jQuery, H5P.EventDispatcher);
