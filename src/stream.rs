//! Following a query's `continue` to the end, as a stream of typed items.

use futures_core::Stream;
use futures_util::StreamExt;
use serde_json::Value;
use std::collections::VecDeque;

use crate::__private::Params;
use crate::client::{decode, Client};
use crate::error::Error;
use crate::exec::{Call, Tally};
use crate::request::Request;

type Item<R> = <<R as Request>::Response as IntoIterator>::Item;
type Page<R> = Result<Vec<Item<R>>, Error<<R as Request>::ErrorCode>>;

/// Where a stream stands.
struct Pages<R> {
    client: Client,
    /// The request, until it is encoded.
    request: Option<R>,
    /// Requests still to send: the parts of a split request, or the next page of one.
    queue: VecDeque<Params>,
    done: bool,
}

/// The items of every page of `request`.
pub(crate) fn pages<R>(
    client: Client,
    request: R,
) -> impl Stream<Item = Result<Item<R>, Error<R::ErrorCode>>> + Send + 'static
where
    R: Request + Send + Sync + 'static,
    R::Response: IntoIterator,
    Item<R>: Send,
{
    let start = Pages {
        client,
        request: Some(request),
        queue: VecDeque::new(),
        done: false,
    };
    futures_util::stream::unfold(start, |mut pages| async move {
        let page = pages.next_page().await?;
        Some((page, pages))
    })
    .flat_map(|page: Page<R>| {
        let items: Vec<_> = match page {
            Ok(items) => items.into_iter().map(Ok).collect(),
            Err(error) => vec![Err(error)],
        };
        futures_util::stream::iter(items)
    })
}

impl<R> Pages<R>
where
    R: Request,
    R::Response: IntoIterator,
{
    async fn next_page(&mut self) -> Option<Page<R>> {
        if self.done {
            return None;
        }
        if let Some(request) = self.request.take() {
            match self.client.encode(&request).await {
                Ok(params) => self.queue.extend(params.parts()),
                Err(error) => return Some(self.fail(error)),
            }
        }
        let params = self.queue.pop_front()?;

        let call = Call::of::<R>();
        let answer = match self
            .client
            .execute(&call, &params, &mut Tally::default())
            .await
        {
            Ok(answer) => answer,
            Err(error) => return Some(self.fail(error.recode())),
        };
        if let Some(next) = continued(&params, &answer) {
            self.queue.push_front(next);
        }
        match decode::<R>(answer) {
            Ok(response) => Some(Ok(response.into_iter().collect())),
            Err(error) => Some(self.fail(error)),
        }
    }

    fn fail(&mut self, error: Error<R::ErrorCode>) -> Page<R> {
        self.done = true;
        Err(error)
    }
}

/// The request for the next page, when the answer says there is one.
fn continued(params: &Params, answer: &Value) -> Option<Params> {
    let values = answer.get("continue")?.as_object()?;
    let mut next = params.clone();
    for (key, value) in values {
        match value {
            Value::String(text) => next.set(key, text),
            other => next.set(key, &other.to_string()),
        }
    }
    Some(next)
}
