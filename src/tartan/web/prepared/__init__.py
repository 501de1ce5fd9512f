"""Files prepared in the background: work that renders more than one rug (a quarter's every rug
in one workbook, the meeting pack) runs in a task worker, never in a request."""
